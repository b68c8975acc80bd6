package dev.loyalty.tools;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one time a generated admin key is shown: a framed block on standard output with the key, where it is kept
 * and how to use it. The gateway calls this when it creates {@code <data-dir>/admin.key}; later starts read the
 * file and show nothing.
 */
final class AdminKeyNotice
{
    /** The file the gateway keeps a generated admin key in, inside the data directory. */
    static final String FILE_NAME = "admin.key";

    private static final String RULE = "=".repeat(78);

    private AdminKeyNotice()
    {
    }

    static void print(final PrintStream out, final String key, final Path dataDir)
    {
        out.println(RULE);
        out.println("A new admin key was generated. It is shown only this once:");
        out.println();
        out.println("    " + key);
        out.println();
        out.println("It is kept in " + dataDir.resolve(FILE_NAME) + " (readable by its owner only).");
        out.println("Send it as 'Authorization: Bearer <key>'; set LOYALTY_ADMIN_KEY to use a key of your own.");
        out.println(RULE);
        out.flush();
    }
}
