package dev.loyalty.client;

import org.agrona.MutableDirectBuffer;

/**
 * A request the client can send: a reusable builder that holds the request's values (strings by reference) and
 * encodes them as one SBE message when sent. Set the fields, {@link LoyaltyClient#send} it, then {@code reset()}
 * and reuse it: nothing is allocated. The strings are read during {@code send} only, so a
 * {@link StringBuilder} may be refilled for the next request. Not thread-safe.
 */
public abstract class Request
{
    Request()
    {
    }

    /** The template id this request is sent as. */
    public abstract int templateId();

    abstract int blockLength();

    /** The most bytes the message body can take (SBE block, groups and var data). */
    abstract int maxBodyLength();

    /** Encodes the body at {@code offset}; returns its length. */
    abstract int encodeBody(MutableDirectBuffer buffer, int offset);
}
