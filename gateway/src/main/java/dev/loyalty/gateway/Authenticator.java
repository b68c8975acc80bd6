package dev.loyalty.gateway;

import dev.loyalty.engine.auth.ApiKey;
import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.KeyRole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns an {@code Authorization: Bearer <key>} header into a {@link Principal}, or null when the key is missing,
 * unknown or revoked. Keys made by {@code POST /v1/keys} read {@code <keyId>.<secret>}: the key id finds the
 * stored key, and the SHA-256 of the secret is compared with the stored hash in constant time. The admin key
 * is compared the same way, by hash. No key or secret is ever logged. Safe to call from any event loop. The
 * binary protocol presents the same key in its AUTH frame ({@link #authenticateKey}).
 */
public final class Authenticator
{
    private static final String BEARER = "Bearer ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ApiKeys keys;
    private final byte[] adminKeySha256;

    /** Authenticates against the live {@code keys} and the admin key. */
    public Authenticator(final ApiKeys keys, final String adminKey)
    {
        this.keys = keys;
        this.adminKeySha256 = sha256(adminKey);
    }

    /** The caller, or null when the header does not carry a live key. */
    Principal authenticate(final String authorization)
    {
        if (authorization == null || authorization.length() <= BEARER.length() ||
            !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        return authenticateKey(authorization.substring(BEARER.length()).trim());
    }

    /** The caller presenting {@code token} (what follows {@code Bearer }), or null when it is not a live key. */
    public Principal authenticateKey(final String token)
    {
        if (token == null || token.isEmpty() || token.length() > 512)
        {
            return null;
        }
        if (MessageDigest.isEqual(sha256(token), adminKeySha256))
        {
            return Principal.BOOTSTRAP_ADMIN;
        }
        final int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1)
        {
            return null;
        }
        final ApiKey key = keys.find(token.substring(0, dot));
        if (key == null || key.revoked())
        {
            return null;
        }
        final byte[] presented = hex(sha256(token.substring(dot + 1))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, key.secretSha256Hex().getBytes(StandardCharsets.US_ASCII)))
        {
            return null;
        }
        return key.role() == KeyRole.ADMIN ?
            new Principal(true, null, key.keyId()) : new Principal(false, key.partnerId(), key.keyId());
    }

    /** False once the key {@code principal} authenticated with has been revoked (the admin key never is). */
    public boolean isLive(final Principal principal)
    {
        if (principal.keyId() == null)
        {
            return true;
        }
        final ApiKey key = keys.find(principal.keyId());
        return key != null && !key.revoked();
    }

    static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    static String hex(final byte[] bytes)
    {
        final char[] c = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            c[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(c);
    }
}
