/** API keys: created and revoked by journaled commands, read by the gateway to authenticate. */
package dev.loyalty.engine.auth;
