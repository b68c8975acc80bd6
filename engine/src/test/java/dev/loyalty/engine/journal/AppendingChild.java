package dev.loyalty.engine.journal;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child JVM that appends to a journal until it is killed: {@code AppendingChild <dir> <ASYNC|SYNC> <batch>}.
 * It opens the journal (which truncates a torn tail), prints {@code open <lastSequence> <warnings>}, then appends
 * batches of records whose size varies with their sequence ({@link #reasonLength}), ends each batch
 * ({@link Journal#endOfBatch}, a force with {@code SYNC}) and only then prints {@code ack <sequence>} for the
 * batch's last record, as the engine answers only after the journaler passed a command.
 */
public final class AppendingChild
{
    private AppendingChild()
    {
    }

    /** The size of the reason text of the record at a sequence: up to 60 KB, so that appends take a while. */
    static int reasonLength(final long sequence)
    {
        final long mixed = sequence * 0x9E3779B97F4A7C15L;
        return (int)((mixed >>> 40) % 60_000);
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final Durability durability = Durability.valueOf(args[1]);
        final int batch = Integer.parseInt(args[2]);
        final BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (Journal journal = Journal.open(dir, durability))
        {
            out.write("open " + journal.lastSequence() + " " + journal.warnings().size() + "\n");
            out.flush();
            long sequence = journal.lastSequence();
            while (true)
            {
                for (int i = 0; i < batch; i++)
                {
                    sequence = journal.append(
                        JournalFilesForTests.command(sequence + 1, reasonLength(sequence + 1)), sequence + 1);
                }
                journal.endOfBatch();
                out.write("ack " + sequence + "\n");
                out.flush();
            }
        }
    }
}
