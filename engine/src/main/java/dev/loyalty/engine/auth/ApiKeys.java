package dev.loyalty.engine.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live API keys. The business logic is the only writer (it applies CreateKey and RevokeKey commands, also
 * on replay); gateway threads read it to authenticate each request before it enters the ring.
 */
public final class ApiKeys
{
    private final Map<String, ApiKey> byKeyId = new ConcurrentHashMap<>();

    /** The key with this id, or null. */
    public ApiKey find(final String keyId)
    {
        return byKeyId.get(keyId);
    }

    /** Called by the business logic only. */
    public void put(final ApiKey key)
    {
        byKeyId.put(key.keyId(), key);
    }

    /** The number of keys, revoked ones included. */
    public int size()
    {
        return byKeyId.size();
    }
}
