package dev.loyalty.client;

/**
 * The client cannot go on: it could not connect, the key was refused, the connection closed, or a blocking call
 * got no answer in time. Errors the server answers to a request are answers ({@link ErrorView}), not this.
 */
public final class LoyaltyClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public LoyaltyClientException(final String message)
    {
        super(message);
    }

    public LoyaltyClientException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
