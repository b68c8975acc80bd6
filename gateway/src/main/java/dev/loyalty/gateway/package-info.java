/**
 * The HTTP/1.1 JSON gateway of API.md on Netty: routing, strict body decoding straight into engine commands,
 * authentication, limits, ordered answers for pipelined requests, back-pressure, health and Prometheus metrics.
 * {@link dev.loyalty.gateway.HttpGateway} starts it on a running {@link dev.loyalty.engine.pipeline.LoyaltyEngine}.
 */
package dev.loyalty.gateway;
