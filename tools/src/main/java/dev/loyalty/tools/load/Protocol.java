package dev.loyalty.tools.load;

/** The protocols {@code loyalty loadgen} speaks. */
public enum Protocol
{
    /** HTTP/1.1 JSON, API.md: {@link HttpTransport}. */
    HTTP,
    /** The binary protocol, docs/binary-protocol.md, on {@code --binary-port}: {@link BinaryTransport}. */
    BINARY
}
