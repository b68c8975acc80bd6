package dev.loyalty.engine.journal;

import dev.loyalty.engine.command.BoardMetric;
import dev.loyalty.engine.command.BoardPeriod;
import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.CommandType;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.GamificationCommands;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.PurchaseRequest;
import dev.loyalty.engine.command.RefundLine;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.command.TierBasis;
import dev.loyalty.engine.command.TierLevel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of every journaled command with every field set ({@link #full()}), and one with every optional
 * field null or empty ({@link #sparse()}). A new command type without a sample makes the codec tests fail.
 */
final class CommandSamples
{
    static final String CYRILLIC = "Кофейня «Утро» на Баумана";
    static final String EMOJI = "☕🍩 double-shot 🇷🇺";

    private CommandSamples()
    {
    }

    static Map<CommandType, Command> full()
    {
        final Map<CommandType, Command> samples = new EnumMap<>(CommandType.class);
        add(samples, new Commands.SetProgram("cfg-1", 100, 500, EarnOn.TOTAL, 24, 365, 3000, 900, 300, 100));
        add(samples, new Commands.PutPartner("p-1", "coffee", "Coffee&Co " + CYRILLIC));
        add(samples, new Commands.PutStore("s-1", "s42", "coffee", Channel.KIOSK,
            attributes("format", "hyper", "city", "Казань", "hasCafe", "true")));
        add(samples, fullPromotion());
        add(samples, new Commands.CreateCoupons("c-1", "pr-1", List.of("WELCOME10", "КУПОН-" + EMOJI), false, 0));
        add(samples, new Commands.RecordActivity("a-1", "coffee", MemberRef.byIdentifier(IdentifierType.APP_ID,
            "app-" + EMOJI), "APP_INSTALL", "app", "2026-12-06T09:15:00+03:00",
            attributes("platform", "android", "отзыв", CYRILLIC)));
        add(samples, new Commands.CreateMember("m-1", "coffee",
            List.of(new Identifier(IdentifierType.CARD, "7770001"), new Identifier(IdentifierType.PHONE, "+79990001122"),
                new Identifier(IdentifierType.EMAIL, "anna@example.org")),
            "1990-05-01", "REF-abc", attributes("segment", "students", "name", "Анна " + EMOJI)));
        add(samples, new Commands.AddIdentifier("i-1", "coffee", "m_17",
            new Identifier(IdentifierType.PAYMENT_TOKEN, "tok_" + EMOJI)));
        add(samples, new Commands.MergeMembers("mg-1", "m_17", "m_18"));
        add(samples, new Commands.AdjustPoints("adj-1", "m_17", -50, "goodwill: " + CYRILLIC));
        add(samples, new Commands.Authorize("coffee", purchase("s42-r3-000981", MemberRef.byIdentifier(
            IdentifierType.CARD, "7770001"))));
        add(samples, new Commands.Capture("coffee", "s42-r3-000981"));
        add(samples, new Commands.VoidPurchase("coffee", "s42-r3-000982"));
        add(samples, new Commands.OneShot("coffee", purchase("s42-r3-000983", MemberRef.byId("m_17"))));
        add(samples, new Commands.Refund("coffee", "s42-r3-000983", "rf-1",
            List.of(new RefundLine("SKU-1", 1), new RefundLine("SKU-9", 2)), -1));
        add(samples, new Commands.CreateKey("k-1", "key_01", KeyRole.POS, "coffee",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        add(samples, new Commands.RevokeKey("key_01"));
        add(samples, new Commands.Tick());
        add(samples, new GamificationCommands.PutTiers("t-1", TierBasis.POINTS, 365, List.of(
            new TierLevel("base", 0), new TierLevel("серебро " + EMOJI, 3_000_000), new TierLevel("gold", Long.MAX_VALUE))));
        add(samples, new GamificationCommands.PutAchievement("ac-1", "review-star", "Звезда отзывов " + EMOJI,
            "CATEGORY_SPEND:выпечка", 5, 200, true));
        add(samples, new GamificationCommands.PutLeaderboard("lb-1", "monthly", BoardMetric.SPEND, BoardPeriod.MONTH,
            "coffee"));
        return samples;
    }

    static Map<CommandType, Command> sparse()
    {
        final Map<CommandType, Command> samples = new EnumMap<>(CommandType.class);
        add(samples, new Commands.SetProgram(null, 0, 0, null, 0, 0, 0, 0, 0, 0));
        add(samples, new Commands.PutPartner(null, "", null));
        add(samples, new Commands.PutStore("", null, null, null, null));
        add(samples, new Commands.PutPromotion(null, null, null, false, Long.MIN_VALUE, null, new PromotionWhen(
            null, List.of(), null, nullEntries(), null, null, null, null, null, false, -1, null, "", null, "", -1, false,
            null), null, new PromotionLimits(Long.MAX_VALUE, -1, 0)));
        add(samples, new Commands.CreateCoupons(null, "", List.of(""), true, -1));
        add(samples, new Commands.RecordActivity(null, null, null, null, "", null, nullEntries()));
        add(samples, new Commands.CreateMember(null, null, List.of(), null, "", nullEntries()));
        add(samples, new Commands.AddIdentifier(null, null, null, null));
        add(samples, new Commands.MergeMembers(null, "", null));
        add(samples, new Commands.AdjustPoints(null, null, Long.MIN_VALUE, null));
        add(samples, new Commands.Authorize(null, new PurchaseRequest(
            null, null, null, null, null, List.of(new Line(null, null, 0, 0)), 0, true, null)));
        add(samples, new Commands.Capture(null, null));
        add(samples, new Commands.VoidPurchase(null, ""));
        add(samples, new Commands.OneShot(null, new PurchaseRequest(
            "", "", null, "", "", List.of(new Line("", "", Long.MAX_VALUE, Long.MIN_VALUE)), -1, false, List.of(""))));
        add(samples, new Commands.Refund(null, null, null, List.of(new RefundLine(null, 0)), 25000));
        add(samples, new Commands.CreateKey(null, null, null, null, null));
        add(samples, new Commands.RevokeKey(null));
        add(samples, new Commands.Tick());
        add(samples, new GamificationCommands.PutTiers(null, null, Long.MIN_VALUE, List.of(new TierLevel(null, -1))));
        add(samples, new GamificationCommands.PutAchievement(null, "", null, null, Long.MIN_VALUE, -1, false));
        add(samples, new GamificationCommands.PutLeaderboard(null, null, null, null, null));
        return samples;
    }

    /** A promotion with every field of API.md's example set, Unicode where text is free. */
    static Commands.PutPromotion fullPromotion()
    {
        return new Commands.PutPromotion("pr-1", "pr-1", "Online payment bonus " + CYRILLIC, true, 10,
            Stacking.EXCLUSIVE,
            new PromotionWhen(List.of(Channel.ONLINE, Channel.MOBILE_APP), List.of("web", "s42"), List.of("main"),
                attributes("hasCafe", "true", "город", "Казань"), List.of("ONLINE_CARD", "CARD"),
                List.of("coffee", "выпечка"), List.of("SKU-1", "SKU-" + EMOJI), List.of("gold"), List.of("students"),
                true, 100_000, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00+03:00", List.of("SAT", "SUN"),
                "08:00-11:00", 3, true, null),
            new PromotionThen(1_000, 50, 100, 500, 2_500),
            new PromotionLimits(5_000, 1, 1_000_000));
    }

    /** A purchase at the API's limits: 200 lines with long Unicode skus and categories, many coupons. */
    static Commands.OneShot largestPurchase()
    {
        final List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            lines.add(new Line("SKU-" + i + "-" + "ж".repeat(60), "категория-" + EMOJI + "-" + i, 100_000,
                100_000_000_000L));
        }
        final List<String> coupons = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            coupons.add("КУПОН-" + i);
        }
        return new Commands.OneShot("coffee", new PurchaseRequest("tx-" + "9".repeat(61), "s42",
            MemberRef.byIdentifier(IdentifierType.EXTERNAL_ID, "ext-" + EMOJI), "2026-12-06T09:15:00+03:00",
            "GIFT_CARD", lines, 0, true, coupons));
    }

    private static PurchaseRequest purchase(final String txId, final MemberRef member)
    {
        return new PurchaseRequest(txId, "s42", member, "2026-12-06T09:15:00+03:00", "CARD",
            List.of(new Line("SKU-1", "coffee", 2, 25000), new Line("SKU-9", null, 1, 9000),
                new Line("SKU-" + EMOJI, "выпечка", 3, 0)),
            100, false, List.of("WELCOME10", "ПРОМО"));
    }

    private static Map<String, String> attributes(final String... keyValues)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2)
        {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> nullEntries()
    {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("empty", "");
        map.put("nullValue", null);
        map.put(null, "nullKey");
        return map;
    }

    private static void add(final Map<CommandType, Command> samples, final Command command)
    {
        if (samples.put(command.type(), command) != null)
        {
            throw new IllegalStateException("two samples of " + command.type());
        }
    }
}
