package dev.loyalty.engine.auth;

import dev.loyalty.engine.command.KeyRole;

/** A key as the engine stores it: hashed, with its role and (for {@code POS}) its partner. */
public record ApiKey(String keyId, KeyRole role, String partnerId, String secretSha256Hex, boolean revoked)
{
}
