package dev.loyalty.engine.journal;

import java.nio.file.Path;

/**
 * What is wrong at one place of a cycle file: its kind, the file, the byte offset of the Chronicle document header
 * (or of the first stray byte, for {@link Kind#GARBAGE}), the Chronicle index the record would have, and a
 * sentence for people.
 *
 * @param kind       what was found.
 * @param file       the cycle file.
 * @param offset     the byte offset in the file.
 * @param index      the Chronicle Queue index of the record at that place, or -1.
 * @param problem    what is wrong, for the message.
 * @param afterGood  true when complete documents of the file precede it (the place is past Chronicle's own
 *                   headers, so clearing it leaves the file's structure whole).
 */
record JournalProblem(Kind kind, Path file, long offset, long index, String problem, boolean afterGood)
{
    /** The kinds of problem, and whether one at the journal's tail may have been a write that did not finish. */
    enum Kind
    {
        /** A document whose header was never completed: its append did not return. */
        INCOMPLETE(true),
        /**
         * A header whose length runs past the end of the file: the file was cut short (an append never leaves a
         * document past the end of its file, Chronicle grows the file first) or the header is damaged.
         */
        BAD_HEADER(false),
        /**
         * A complete document whose record fails its length or checksum. At the tail it is a write the power cut
         * short (a page of it reached the disk, another did not) or damage; a killed process cannot leave it.
         */
        BAD_RECORD(true),
        /**
         * The file ends where a document header should be: it was cut short (Chronicle grows a file in large
         * zero-filled blocks before it writes, so its data never reaches the file's end).
         */
        TRUNCATED(false),
        /** A good record out of sequence: a writer's bug, never a torn write. */
        SEQUENCE(false),
        /** Non-zero bytes after the end of the written data. */
        GARBAGE(true);

        private final boolean tornWrite;

        Kind(final boolean tornWrite)
        {
            this.tornWrite = tornWrite;
        }

        /** True when this kind of damage at the tail is what an append cut short leaves. */
        boolean tornWrite()
        {
            return tornWrite;
        }
    }

    /** The message an operator reads: the file, the offset, the index and the problem. */
    String describe()
    {
        return "bad journal record in " + file + " at offset " + offset +
            (index >= 0 ? " (index " + index + ", 0x" + Long.toHexString(index) + ")" : "") + ": " + problem;
    }

    /** The exception that refuses to go on because of this problem. */
    JournalCorruptedException exception(final String consequence)
    {
        return new JournalCorruptedException(
            describe() + (consequence == null ? "" : "; " + consequence), file.toFile(), index, offset);
    }
}
