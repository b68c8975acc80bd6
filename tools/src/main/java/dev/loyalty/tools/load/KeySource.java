package dev.loyalty.tools.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code seed} and {@code loadgen} take the key they send: {@code --key-file} when given, else the
 * {@code LOYALTY_ADMIN_KEY} environment variable, else {@code <data-dir>/admin.key} (the file {@code serve}
 * keeps a generated key in).
 */
final class KeySource
{
    static final String VARIABLE = "LOYALTY_ADMIN_KEY";
    static final String FILE_NAME = "admin.key";

    private KeySource()
    {
    }

    /** The key, or an exception saying where it was looked for. */
    static String resolve(final Path keyFile, final Map<String, String> environment, final Path dataDir)
        throws IOException
    {
        if (keyFile != null)
        {
            return read(keyFile);
        }
        final String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty())
        {
            return fromEnvironment;
        }
        final Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            throw new IOException("no key: give --key-file, set " + VARIABLE + ", or point --data-dir at the " +
                "engine's data directory (no " + file.toAbsolutePath() + ")");
        }
        return read(file);
    }

    private static String read(final Path file) throws IOException
    {
        final String key = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (key.isEmpty())
        {
            throw new IOException("the key file " + file + " is empty");
        }
        return key;
    }
}
