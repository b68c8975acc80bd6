package dev.loyalty.tools;

import dev.loyalty.engine.reply.ErrorCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documents at the repository root say what the code does: every error code, every setting, every doc. */
class DocsTest
{
    private static final Path ROOT = Path.of(System.getProperty("loyalty.repository.root", ".."));
    private static final Pattern ERROR_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}) \\|.+\\|$");
    private static final Pattern SETTING_ROW =
        Pattern.compile("^\\| `(--[a-z-]+)` \\| `(LOYALTY_[A-Z_]+)` \\| `([^`]+)` \\|.+\\|$");

    @Test
    void shouldListEveryErrorCodeWithItsHttpStatusInDocsErrors() throws IOException
    {
        final Map<String, Integer> documented = new TreeMap<>();
        for (final String line : Files.readAllLines(ROOT.resolve("docs/errors.md")))
        {
            final Matcher row = ERROR_ROW.matcher(line);
            if (row.matches())
            {
                assertEquals(null, documented.put(row.group(1), Integer.parseInt(row.group(2))), "twice: " + line);
            }
        }

        final Map<String, Integer> codes = new TreeMap<>();
        for (final ErrorCode code : ErrorCode.values())
        {
            codes.put(code.name(), code.httpStatus());
        }
        assertEquals(codes, documented, "docs/errors.md must list every ErrorCode with its status, and no other");
    }

    @Test
    void shouldDocumentEveryServeSettingWithItsVariableAndDefaultInTheReadme() throws IOException
    {
        final String readme = Files.readString(ROOT.resolve("README.md"));
        final Map<String, String[]> documented = new LinkedHashMap<>();
        for (final String line : readme.lines().toList())
        {
            final Matcher row = SETTING_ROW.matcher(line);
            if (row.matches())
            {
                documented.put(row.group(1), new String[]{row.group(2), row.group(3)});
            }
        }

        final List<OptionSpec> options =
            new Cli().commandLine().getSubcommands().get("serve").getCommandSpec().options();
        int settings = 0;
        for (final OptionSpec option : options)
        {
            if (option.usageHelp() || option.versionHelp())
            {
                continue;
            }
            final String flag = option.longestName();
            final String[] row = documented.remove(flag);
            assertTrue(row != null, "README.md has no settings row for " + flag);
            assertEquals(ServeCommand.VARIABLES.get(flag), row[0], "the variable of " + flag);
            assertEquals(option.defaultValueString().toLowerCase(Locale.ROOT), row[1].toLowerCase(Locale.ROOT),
                "the default of " + flag);
            settings++;
        }
        assertEquals(Map.of(), documented, "README.md documents flags serve does not have");
        assertEquals(ServeCommand.VARIABLES.size(), settings);
        assertTrue(readme.contains("| `" + ServeCommand.ADMIN_KEY_VARIABLE + "` |"), "README.md names the admin key");
    }

    @Test
    void shouldDocumentEverySeedAndLoadgenFlagInItsReadmeTable() throws IOException
    {
        final String readme = Files.readString(ROOT.resolve("README.md"));
        for (final String command : List.of("seed", "loadgen"))
        {
            final String heading = "### Settings of `loyalty " + command + "`";
            final int start = readme.indexOf(heading);
            assertTrue(start >= 0, "README.md has no section " + heading);
            final int end = readme.indexOf("\n#", start + heading.length());
            final String table = readme.substring(start, end < 0 ? readme.length() : end);
            final List<String> rows = new java.util.ArrayList<>();
            table.lines().filter(line -> line.startsWith("| `--"))
                .forEach(line -> rows.add(line.substring(3, line.indexOf('`', 3))));
            final List<String> flags = new java.util.ArrayList<>();
            for (final OptionSpec option : new Cli().commandLine().getSubcommands().get(command).getCommandSpec()
                .options())
            {
                if (!option.usageHelp() && !option.versionHelp())
                {
                    flags.add(option.longestName());
                }
            }
            assertEquals(flags, rows, "the rows of " + heading + ", in the order of --help");
        }
    }

    @Test
    void shouldLinkEveryDocFromTheReadme() throws IOException
    {
        final String readme = Files.readString(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs")))
        {
            docs.map(doc -> "docs/" + doc.getFileName())
                .forEach(doc -> assertTrue(readme.contains("](" + doc + ")"), "README.md does not link " + doc));
        }
    }
}
