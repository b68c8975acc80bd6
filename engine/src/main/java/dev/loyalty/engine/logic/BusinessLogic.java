package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKeys;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.reply.Reply;

import java.util.List;

/**
 * The single writer of all state: program, partners, stores, members, balances, lots, ledger, purchases,
 * idempotency keys and API keys. It is called by one thread only (the pipeline's business-logic stage, or
 * recovery before the pipeline starts). It reads time only from the command's stamp and never depends on hash
 * iteration order, so applying the same commands with the same stamps to a fresh instance gives the same
 * state (see {@link #stateDigest()}).
 */
public final class BusinessLogic
{
    public BusinessLogic(final ApiKeys apiKeys)
    {
        this(apiKeys, 20);
    }

    /** @param maxOpenHoldsPerMember open authorized purchases a member may have before TOO_MANY_HOLDS. */
    public BusinessLogic(final ApiKeys apiKeys, final int maxOpenHoldsPerMember)
    {
        throw new UnsupportedOperationException("business logic: being written");
    }

    /**
     * Applies one command. Business rejections are {@link dev.loyalty.engine.reply.ErrorReply} results and
     * change nothing; an exception is a bug and the caller stops the engine on purpose.
     *
     * @param stampMillis the command's entry stamp (engine time), in epoch milliseconds.
     */
    public Reply apply(final Command command, final long stampMillis)
    {
        throw new UnsupportedOperationException();
    }

    /**
     * When the next time-driven change (hold timeout, activation, expiry) is due, in epoch millis, or
     * {@code Long.MAX_VALUE}. Safe to read from any thread: the ticker reads it to decide whether to publish
     * a tick.
     */
    public long nextDueAtMillis()
    {
        throw new UnsupportedOperationException();
    }

    /** A hex SHA-256 over a canonical rendering of the whole state; equal states give equal digests. */
    public String stateDigest()
    {
        throw new UnsupportedOperationException();
    }

    /**
     * Checks the ledger invariants: for every member {@code available + pending + held} equals the sum of its
     * ledger, and points issued - redeemed - expired +- reversed +- adjusted equals the sum of balances.
     *
     * @return one line per violation; empty when all hold.
     */
    public List<String> checkInvariants()
    {
        throw new UnsupportedOperationException();
    }
}
