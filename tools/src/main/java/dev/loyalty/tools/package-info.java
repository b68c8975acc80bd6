/**
 * The {@code loyalty} command line, on picocli: {@link dev.loyalty.tools.LoyaltyCli} with the subcommands
 * {@code serve} (the engine and the HTTP gateway in one process, every setting a flag and an environment variable)
 * and {@code journal dump} / {@code journal verify} (a journal directory read for operators), and {@code seed} and
 * {@code loadgen} from {@link dev.loyalty.tools.load}. {@link dev.loyalty.tools.DataDirLock} keeps two processes
 * from writing one journal. The {@code ./loyalty} launcher at the repository root builds and runs it.
 */
package dev.loyalty.tools;
