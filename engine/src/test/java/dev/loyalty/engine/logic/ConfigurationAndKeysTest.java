package dev.loyalty.engine.logic;

import dev.loyalty.engine.auth.ApiKey;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.KeyCreatedReply;
import dev.loyalty.engine.reply.Reply;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationAndKeysTest
{
    private final Harness h = new Harness();

    @Test
    void shouldStartWithTheBuiltInPartnerStoresAndDefaultProgram()
    {
        assertEquals("Main", h.ok(new Commands.GetPartner("main")).get("name"));
        assertEquals("ONLINE", h.ok(new Commands.GetStore(null, "web")).get("channel"));
        assertEquals("MOBILE_APP", h.ok(new Commands.GetStore(null, "app")).get("channel"));
        final Map<String, Object> program = h.ok(new Commands.GetProgram());
        assertEquals(100L, num(program, "pointValueMinor"));
        assertEquals(500L, num(program, "baseEarnBp"));
        assertEquals("PAID", program.get("earnOn"));
        assertEquals(365L, num(program, "pointsTtlDays"));
        assertEquals(3000L, num(program, "maxRedeemShareBp"));
        assertEquals(900L, num(program, "holdTimeoutSeconds"));
        assertEquals(300L, num(program, "referral.referrerPoints"));
        assertEquals(100L, num(program, "referral.refereePoints"));
    }

    @Test
    void shouldSetTheProgramAndRejectInvalidSettings()
    {
        final Map<String, Object> set = h.ok(new Commands.SetProgram(
            "cfg-1", 50, 1000, EarnOn.TOTAL, 24, 30, 5000, 60, 10, 5));
        assertEquals(50L, num(set, "pointValueMinor"));
        assertEquals("TOTAL", h.ok(new Commands.GetProgram()).get("earnOn"));
        h.rejected(new Commands.SetProgram("cfg-2", 0, 1000, EarnOn.TOTAL, 24, 30, 5000, 60, 10, 5),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.SetProgram("cfg-2", 50, 1000, EarnOn.TOTAL, 24, 30, 10001, 60, 10, 5),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.SetProgram("cfg-1", 60, 1000, EarnOn.TOTAL, 24, 30, 5000, 60, 10, 5),
            ErrorCode.IDEMPOTENCY_CONFLICT);
        assertEquals(50L, num(h.ok(new Commands.GetProgram()), "pointValueMinor"));
    }

    @Test
    void shouldPutPartnersAndStoresAndRequireAnExistingPartner()
    {
        h.ok(new Commands.PutPartner("p-1", "coffee", "Coffee&Co"));
        assertEquals("Coffee&Co", h.ok(new Commands.GetPartner("coffee")).get("name"));
        h.rejected(new Commands.GetPartner("tea"), ErrorCode.PARTNER_NOT_FOUND);

        h.rejected(new Commands.PutStore("s-1", "s42", "tea", Channel.POS, Map.of()), ErrorCode.PARTNER_NOT_FOUND);
        final Map<String, Object> store = h.ok(new Commands.PutStore(
            "s-1", "s42", "coffee", Channel.POS, Map.of("city", "Kazan")));
        assertEquals("coffee", store.get("partnerId"));
        assertEquals("Kazan", at(store, "attributes.city"));
        assertEquals("POS", h.ok(new Commands.GetStore("coffee", "s42")).get("channel"));
        h.rejected(new Commands.GetStore("main", "s42"), ErrorCode.STORE_NOT_FOUND);
        h.rejected(new Commands.GetStore(null, "s43"), ErrorCode.STORE_NOT_FOUND);
    }

    @Test
    void shouldCreateAPosKeyMirrorItAndReplayTheFirstAnswer()
    {
        final Commands.CreateKey create = new Commands.CreateKey("k-1", "key1", KeyRole.POS, "main", "ab12");
        final Reply reply = h.send(create);
        final KeyCreatedReply created = assertInstanceOf(KeyCreatedReply.class, reply);
        assertEquals("key1", created.keyId());
        final Map<String, Object> body = TreeWriter.render(reply);
        assertEquals("pos", body.get("role"));
        assertEquals("main", body.get("partnerId"));
        assertTrue(body.containsKey("key"));
        assertNull(body.get("key"));
        assertEquals(new ApiKey("key1", KeyRole.POS, "main", "ab12", false), h.apiKeys.find("key1"));

        assertSame(reply, h.send(new Commands.CreateKey("k-1", "key2", KeyRole.POS, "main", "cd34")));
        assertNull(h.apiKeys.find("key2"));
        h.rejected(new Commands.CreateKey("k-1", "key3", KeyRole.ADMIN, null, "ef56"), ErrorCode.IDEMPOTENCY_CONFLICT);
        h.rejected(new Commands.CreateKey("k-2", "key4", KeyRole.POS, "tea", "ef56"), ErrorCode.PARTNER_NOT_FOUND);
        assertNull(h.apiKeys.find("key4"));
    }

    @Test
    void shouldRevokeAKeyRepeatablyAndRejectAnUnknownOne()
    {
        h.ok(new Commands.CreateKey("k-1", "key1", KeyRole.ADMIN, null, "ab12"));
        assertFalse(h.apiKeys.find("key1").revoked());
        final Map<String, Object> revoked = h.ok(new Commands.RevokeKey("key1"));
        assertEquals("key1", revoked.get("keyId"));
        assertEquals(true, revoked.get("revoked"));
        assertTrue(h.apiKeys.find("key1").revoked());
        assertEquals(true, h.ok(new Commands.RevokeKey("key1")).get("revoked"));
        h.rejected(new Commands.RevokeKey("nope"), ErrorCode.KEY_NOT_FOUND);
    }
}
