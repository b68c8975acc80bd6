/**
 * The binary protocol's server (docs/binary-protocol.md): length-prefixed SBE frames over TCP on the gateway's
 * Netty event loops, authenticated once per connection by an AUTH frame, pipelined with a correlation id per
 * request and answered in request order. Requests become the same engine commands the HTTP gateway builds,
 * checked by the same rules ({@link dev.loyalty.gateway.RequestChecks}); the engine's replies render through
 * the same {@link dev.loyalty.engine.reply.ReplyWriter} calls as JSON into typed SBE answer messages.
 * {@link dev.loyalty.gateway.binary.BinaryServer} is started by {@link dev.loyalty.gateway.HttpGateway} when a
 * binary port is set.
 */
package dev.loyalty.gateway.binary;
