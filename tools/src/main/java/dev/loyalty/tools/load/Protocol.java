package dev.loyalty.tools.load;

/**
 * The protocols {@code loyalty loadgen} speaks. The binary protocol joins this list with its
 * {@link Transport} once its client is in the project.
 */
public enum Protocol
{
    /** HTTP/1.1 JSON, API.md: {@link HttpTransport}. */
    HTTP
}
