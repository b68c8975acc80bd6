/**
 * A Java client of the binary protocol (docs/binary-protocol.md). {@link dev.loyalty.client.LoyaltyClient}
 * connects and authenticates, sends {@link dev.loyalty.client.Request}s pipelined (each answered in order to its
 * {@link dev.loyalty.client.AnswerListener}) or one at a time with a blocking call, and reads answers through
 * flyweight views ({@link dev.loyalty.client.PurchaseView}, {@link dev.loyalty.client.ErrorView}, ...) without
 * copying. {@link dev.loyalty.client.Protocol} holds the wire's constants, which the server shares. A client is
 * driven by one thread and owns none; with reused requests it allocates nothing per request.
 */
package dev.loyalty.client;
