package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.reply.ErrorCode;
import dev.loyalty.engine.reply.Reply;
import dev.loyalty.engine.reply.ReplyText;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.loyalty.engine.logic.Harness.at;
import static dev.loyalty.engine.logic.Harness.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembersTest
{
    private final Harness h = new Harness();

    private static Identifier card(final String value)
    {
        return new Identifier(IdentifierType.CARD, value);
    }

    @Test
    void shouldCreateMemberWithIdReferralCodeAndBaseTier()
    {
        final Reply reply = h.send(new Commands.CreateMember(
            "m-1", null, List.of(card("7770001"), new Identifier(IdentifierType.PHONE, "+79990001122")),
            "1990-05-01", null, Map.of("segment", "students")));
        assertEquals(201, reply.httpStatus());
        final Map<String, Object> created = TreeWriter.render(reply);
        assertEquals("m_1", created.get("memberId"));
        assertEquals("base", created.get("tier"));
        final String code = (String)created.get("referralCode");
        assertTrue(code.matches("[A-Z2-7]{8}"), code);

        final Map<String, Object> profile = h.ok(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.PHONE, "+79990001122")));
        assertEquals("m_1", profile.get("memberId"));
        assertEquals("main", profile.get("partnerId"));
        assertEquals("1990-05-01", profile.get("birthday"));
        assertEquals("students", at(profile, "attributes.segment"));
        assertEquals("CARD", at(profile, "identifiers.0.type"));
        assertEquals("7770001", at(profile, "identifiers.0.value"));
        assertEquals(code, profile.get("referralCode"));
        assertEquals(0L, num(profile, "balance.available"));
        assertEquals(0L, num(profile, "stats.purchases"));
        assertEquals(null, at(profile, "stats.firstPurchaseAt"));
        assertEquals(List.of(), profile.get("achievements"));
    }

    @Test
    void shouldGiveDistinctReferralCodesToManyMembers()
    {
        final Set<String> codes = new HashSet<>();
        for (long i = 1; i <= 20_000; i++)
        {
            final String code = Ids.referralCode(i);
            assertTrue(code.matches("[A-Z2-7]{8}"), code);
            assertTrue(codes.add(code), "repeated " + code);
        }
        assertNotEquals(Ids.referralCode(1).substring(0, 4), Ids.referralCode(2).substring(0, 4));
    }

    @Test
    void shouldRejectTakenIdentifierWithoutClaimingTheRequestId()
    {
        h.member("7770001");
        final Commands.CreateMember clash = new Commands.CreateMember(
            "m-2", null, List.of(card("7770002"), card("7770001")), null, null, Map.of());
        final Map<String, Object> error = h.rejected(clash, ErrorCode.IDENTIFIER_TAKEN);
        assertTrue(((String)at(error, "error.message")).contains("7770001"));
        h.rejected(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "7770002")),
            ErrorCode.MEMBER_NOT_FOUND);

        final Map<String, Object> fixed = h.ok(new Commands.CreateMember(
            "m-2", null, List.of(card("7770002")), null, null, Map.of()));
        assertEquals("m_2", fixed.get("memberId"));
    }

    @Test
    void shouldReplayCreateMemberWithTheFirstAnswerAndRejectADifferentBody()
    {
        final Commands.CreateMember create = new Commands.CreateMember(
            "m-1", null, List.of(card("1")), null, null, Map.of());
        final Reply first = h.send(create);
        final String digest = h.logic.stateDigest();
        // the key is kept compact (MemberCreations), so the answer is rebuilt: equal, rendered byte for byte
        final Reply again = h.send(create);
        assertEquals(first, again);
        assertEquals(ReplyText.of(first), ReplyText.of(again));
        assertEquals(digest, h.logic.stateDigest());
        h.rejected(new Commands.CreateMember("m-1", null, List.of(card("2")), null, null, Map.of()),
            ErrorCode.IDEMPOTENCY_CONFLICT);
        h.rejected(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "2")),
            ErrorCode.MEMBER_NOT_FOUND);
    }

    @Test
    void shouldRejectUnknownReferrerAndRememberAKnownOne()
    {
        final String referrer = h.member("1");
        final String code = (String)h.profile(referrer).get("referralCode");
        h.rejected(new Commands.CreateMember("m-x", null, List.of(card("2")), null, "NOSUCHCD", Map.of()),
            ErrorCode.REFERRER_NOT_FOUND);
        final Map<String, Object> created = h.ok(new Commands.CreateMember(
            "m-x", null, List.of(card("2")), null, code, Map.of()));
        assertEquals(referrer, h.profile((String)created.get("memberId")).get("referrerId"));
    }

    @Test
    void shouldRejectInvalidBirthdayAndRepeatedIdentifier()
    {
        h.rejected(new Commands.CreateMember("m-1", null, List.of(card("1")), "1990-13-01", null, Map.of()),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.CreateMember("m-1", null, List.of(card("1"), card("1")), null, null, Map.of()),
            ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.CreateMember(null, null, List.of(card("1")), null, null, Map.of()),
            ErrorCode.INVALID_REQUEST);
    }

    @Test
    void shouldAddIdentifierAndRejectOneTakenByAnotherMember()
    {
        final String a = h.member("1");
        h.member("2");
        final Map<String, Object> profile = h.ok(new Commands.AddIdentifier(
            "i-1", null, a, new Identifier(IdentifierType.EMAIL, "a@x.org")));
        assertEquals("a@x.org", at(profile, "identifiers.1.value"));
        assertEquals(a, h.ok(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.EMAIL, "a@x.org")))
            .get("memberId"));
        h.rejected(new Commands.AddIdentifier("i-2", null, a, card("2")), ErrorCode.IDENTIFIER_TAKEN);
        h.rejected(new Commands.AddIdentifier("i-3", null, "m_zz", card("3")), ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.AddIdentifier("i-1", null, a, card("4")), ErrorCode.IDEMPOTENCY_CONFLICT);
    }

    @Test
    void shouldAdjustPointsBothWaysAndRefuseToGoBelowAvailable()
    {
        final String m = h.member("1");
        final Map<String, Object> up = h.ok(new Commands.AdjustPoints("a-1", m, 500, "goodwill"));
        assertEquals(500L, num(up, "points"));
        assertEquals(500L, num(up, "balance.available"));
        final Map<String, Object> down = h.ok(new Commands.AdjustPoints("a-2", m, -200, "correction"));
        assertEquals(300L, num(down, "balance.available"));
        h.rejected(new Commands.AdjustPoints("a-3", m, -301, "too much"), ErrorCode.INSUFFICIENT_POINTS);
        h.rejected(new Commands.AdjustPoints("a-4", m, 0, "nothing"), ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.AdjustPoints("a-5", "m_404", 5, "nobody"), ErrorCode.MEMBER_NOT_FOUND);

        final List<Map<String, Object>> ledger = h.ledger(m);
        assertEquals(2, ledger.size());
        assertEquals("ADJUST", ledger.get(0).get("type"));
        assertEquals(-200L, ledger.get(0).get("points"));
        assertEquals("correction", ledger.get(0).get("reason"));
        assertEquals("2026-12-06T06:15:00Z", ledger.get(0).get("at"));
        assertEquals(0L, num(h.profile(m), "stats.pointsEarned"));
        h.assertInvariants();
    }

    @Test
    void shouldPageTheLedgerNewestFirstWithAnExclusiveBefore()
    {
        final String m = h.member("1");
        for (int i = 1; i <= 5; i++)
        {
            h.give(m, i);
        }
        final Map<String, Object> first = h.ok(new Commands.GetLedger(null, m, 2, -1));
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> entries = (List<Map<String, Object>>)first.get("entries");
        assertEquals(List.of(5L, 4L), List.of(entries.get(0).get("points"), entries.get(1).get("points")));
        final long before = num(first, "nextBefore");
        assertEquals(entries.get(1).get("seq"), before);

        final Map<String, Object> second = h.ok(new Commands.GetLedger(null, m, 2, before));
        assertEquals(3L, num(second, "entries.0.points"));
        final Map<String, Object> last = h.ok(new Commands.GetLedger(null, m, 2, num(second, "nextBefore")));
        assertEquals(1, ((List<?>)last.get("entries")).size());
        assertEquals(null, last.get("nextBefore"));
        h.rejected(new Commands.GetLedger(null, m, 0, -1), ErrorCode.INVALID_REQUEST);
        h.rejected(new Commands.GetLedger(null, m, 1001, -1), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void shouldMergeEverythingIntoTheTargetAndAnswerGoneForTheSource()
    {
        final String target = h.member("T");
        final Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("segment", "students");
        attrs.put("city", "Kazan");
        final String source = (String)h.ok(new Commands.CreateMember(
            h.rid(), null, List.of(card("S")), null, null, attrs)).get("memberId");
        h.ok(new Commands.AddIdentifier(h.rid(), null, target, new Identifier(IdentifierType.EMAIL, "t@x")));
        h.give(target, 100);
        h.advance(Harness.HOUR);
        h.give(source, 40);
        h.advance(Harness.HOUR);
        h.give(target, 7);

        final Map<String, Object> merged = h.ok(new Commands.MergeMembers("mg-1", target, source));
        assertEquals(target, merged.get("memberId"));
        assertEquals(source, merged.get("mergedMemberId"));
        assertEquals(147L, num(merged, "balance.available"));

        assertEquals(target, h.ok(new Commands.GetMember(null, MemberRef.byIdentifier(IdentifierType.CARD, "S")))
            .get("memberId"));
        final Map<String, Object> profile = h.profile(target);
        assertEquals(3, ((List<?>)profile.get("identifiers")).size());
        assertEquals("students", at(profile, "attributes.segment"));
        assertEquals(List.of("ADJUST 100", "ADJUST 40", "ADJUST 7"), h.history(target));

        final Map<String, Object> gone = h.rejected(new Commands.GetMember(null, MemberRef.byId(source)),
            ErrorCode.MEMBER_MERGED);
        assertEquals(target, at(gone, "error.memberId"));
        h.rejected(new Commands.AdjustPoints(h.rid(), source, 5, "x"), ErrorCode.MEMBER_MERGED);
        h.rejected(new Commands.GetLedger(null, source, 10, -1), ErrorCode.MEMBER_MERGED);
        h.rejected(new Commands.AddIdentifier(h.rid(), null, source, card("Z")), ErrorCode.MEMBER_MERGED);

        h.rejected(new Commands.MergeMembers("mg-2", target, target), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.MergeMembers("mg-3", target, source), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.MergeMembers("mg-4", source, target), ErrorCode.INVALID_STATE);
        h.rejected(new Commands.MergeMembers("mg-5", target, "m_none"), ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.MergeMembers("mg-1", source, target), ErrorCode.IDEMPOTENCY_CONFLICT);
        h.assertInvariants();
    }

    @Test
    void shouldKeepTheTargetsAttributeOnAClash()
    {
        final String target = (String)h.ok(new Commands.CreateMember(
            h.rid(), null, List.of(card("T")), null, null, Map.of("segment", "gold"))).get("memberId");
        final String source = (String)h.ok(new Commands.CreateMember(
            h.rid(), null, List.of(card("S")), null, null, Map.of("segment", "students", "city", "Kazan")))
            .get("memberId");
        h.ok(new Commands.MergeMembers(h.rid(), target, source));
        final Map<String, Object> profile = h.profile(target);
        assertEquals("gold", at(profile, "attributes.segment"));
        assertEquals("Kazan", at(profile, "attributes.city"));
    }

    @Test
    void shouldHideOtherPartnersMembersFromAPosKey()
    {
        h.ok(new Commands.PutPartner(h.rid(), "coffee", "Coffee&Co"));
        final String mainMember = h.member("M1");
        final String coffeeMember = h.member("coffee", "C1");
        assertEquals("coffee", h.profile(coffeeMember).get("partnerId"));

        h.ok(new Commands.GetMember("coffee", MemberRef.byId(coffeeMember)));
        h.rejected(new Commands.GetMember("coffee", MemberRef.byId(mainMember)), ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.GetMember("coffee", MemberRef.byIdentifier(IdentifierType.CARD, "M1")),
            ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.GetLedger("coffee", mainMember, 10, -1), ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.AddIdentifier(h.rid(), "coffee", mainMember, card("X")), ErrorCode.MEMBER_NOT_FOUND);
        h.rejected(new Commands.GetMember("main", MemberRef.byId(coffeeMember)), ErrorCode.MEMBER_NOT_FOUND);
    }
}
