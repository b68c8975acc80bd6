package dev.loyalty.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top of the {@code loyalty} command line: its help, its version, and a missing command. */
class LoyaltyCliTest
{
    @Test
    void shouldListItsCommandsInItsHelp()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("--help"));

        assertTrue(cli.out().startsWith("Usage: loyalty [-hV] COMMAND"), cli.out());
        assertTrue(cli.out().contains("\n  serve     Runs the engine and its HTTP gateway"), cli.out());
        assertTrue(cli.out().contains("\n  journal   Reads a journal"), cli.out());
        assertTrue(cli.out().contains("\n  snapshot  Writes a snapshot"), cli.out());
    }

    @Test
    void shouldListDumpAndVerifyInTheJournalsHelp()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("journal", "--help"));

        assertTrue(cli.out().contains("\n  dump "), cli.out());
        assertTrue(cli.out().contains("\n  verify "), cli.out());
    }

    @Test
    void shouldBeAUsageErrorWithoutACommand()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.USAGE, cli.execute());

        assertTrue(cli.err().startsWith("Missing required subcommand\nUsage: loyalty [-hV] COMMAND"), cli.err());
    }

    @Test
    void shouldBeAUsageErrorForAnUnknownCommand()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.USAGE, cli.execute("serv"));

        assertTrue(cli.err().startsWith("Unmatched argument at index 0: 'serv'"), cli.err());
        assertTrue(cli.err().contains("serve"), "suggests serve: " + cli.err());
    }

    @Test
    void shouldPrintItsVersion()
    {
        final Cli cli = new Cli();

        assertEquals(ExitCodes.OK, cli.execute("--version"));

        assertTrue(cli.out().startsWith("loyalty "), cli.out());
    }
}
