package dev.loyalty.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the admin key comes from: the configured key ({@code LOYALTY_ADMIN_KEY}) if there is one, else the key
 * kept in {@code <dataDir>/admin.key}, generated on first start (32 random bytes, URL-safe base64, prefixed
 * {@code adm_}) into a file only its owner can read (mode 0600). The generated key is handed to
 * {@link GatewayContext#onAdminKeyGenerated()} once, the only time it is shown.
 */
final class AdminKeyFile
{
    static final String FILE_NAME = "admin.key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminKeyFile()
    {
    }

    /** The admin key in force; creates the key file when neither a key nor a file exists. */
    static String resolve(final GatewayContext ctx)
    {
        if (ctx.adminKey() != null)
        {
            return ctx.adminKey();
        }
        final Path file = ctx.dataDir().resolve(FILE_NAME);
        try
        {
            if (Files.exists(file))
            {
                return read(file);
            }
            Files.createDirectories(ctx.dataDir());
            final String key = "adm_" + randomToken(32);
            try
            {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (final UnsupportedOperationException notPosix)
            {
                Files.createFile(file);
            }
            catch (final FileAlreadyExistsException raced)
            {
                return read(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            ctx.onAdminKeyGenerated().accept(key);
            return key;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or create the admin key file " + file, ex);
        }
    }

    private static String read(final Path file) throws IOException
    {
        final String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (key.length() < 16)
        {
            throw new IllegalStateException("the admin key in " + file + " is shorter than 16 characters");
        }
        return key;
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    static String randomToken(final int bytes)
    {
        final byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
