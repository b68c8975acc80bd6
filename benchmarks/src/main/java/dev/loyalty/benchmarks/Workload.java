package dev.loyalty.benchmarks;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Command;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.command.IdentifierType;
import dev.loyalty.engine.command.Line;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PurchaseRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data every benchmark runs on, made from a seed so that two runs are the same:
 * <ul>
 *     <li>the program (API.md's defaults written out: 1 point = 100 minor units, 5% earned on what is paid,
 *     points available at once, up to 30% of a cheque paid with points, 15 minute holds);</li>
 *     <li>{@value #STORES} POS stores of the main partner;</li>
 *     <li>{@code memberCount} members, each with a card and a phone, and {@value #INITIAL_POINTS} welcome
 *     points (an adjustment), so that every purchase can redeem;</li>
 *     <li>purchases ({@link Purchases}): a member drawn at random, found by card as a till would, 3 to 5 lines
 *     drawn from {@value #SKUS} SKUs at 5.00 to 200.00 with quantity 1 to 3, an {@code occurredAt} with an
 *     offset as a till sends it (or none, for a workload that leaves out the engine's date parsing), card
 *     payment, and 10 to 100 points redeemed (never more than the cheque allows).</li>
 * </ul>
 * Each purchase also carries what an independent reckoning of API.md's pricing says it must redeem and earn,
 * for {@link PurchaseAudit} to hold the engine to.
 */
public final class Workload
{
    /** Engine time at which a benchmark starts: the entry stamp of the first command. */
    public static final long START_MILLIS = Instant.parse("2026-12-06T06:15:00Z").toEpochMilli();

    /** Points each member is given at the start. */
    public static final long INITIAL_POINTS = 100_000;

    static final int STORES = 50;
    static final int SKUS = 10_000;
    static final long POINT_VALUE_MINOR = 100;
    static final long BASE_EARN_BP = 500;
    static final long MAX_REDEEM_SHARE_BP = 3000;
    private static final String CATEGORIES_TEXT = "coffee bakery dairy produce grocery frozen drinks household";
    private static final String[] CATEGORIES = CATEGORIES_TEXT.split(" ");
    private static final int OCCURRED_AT_SECONDS = 3600;

    private final int memberCount;
    private final String[] cards;
    private final MemberRef[] cardRefs;
    private final List<Command> seedCommands;
    private final Line[][] catalogue;
    private final String[] storeIds = new String[STORES];
    private final String[] occurredAt = new String[OCCURRED_AT_SECONDS];
    private final boolean withOccurredAt;

    /** A workload whose purchases carry an {@code occurredAt}, as tills send them. */
    public Workload(final int memberCount, final long seed)
    {
        this(memberCount, seed, true);
    }

    /**
     * @param memberCount    how many members to make.
     * @param seed           the seed of the catalogue; purchases take their own seed.
     * @param withOccurredAt whether purchases carry an {@code occurredAt} (else the engine uses its own time).
     */
    public Workload(final int memberCount, final long seed, final boolean withOccurredAt)
    {
        if (memberCount < 1)
        {
            throw new IllegalArgumentException("memberCount must be >= 1: " + memberCount);
        }
        this.memberCount = memberCount;
        this.withOccurredAt = withOccurredAt;
        final SplittableRandom random = new SplittableRandom(seed);

        catalogue = new Line[SKUS][3];
        for (int s = 0; s < SKUS; s++)
        {
            final String sku = "SKU-" + (100_000 + s);
            final String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            final long unitPrice = 500 + random.nextInt(19_501);
            for (int q = 0; q < 3; q++)
            {
                catalogue[s][q] = new Line(sku, category, q + 1, unitPrice);
            }
        }
        final OffsetDateTime local = Instant.ofEpochMilli(START_MILLIS).atOffset(ZoneOffset.ofHours(3));
        for (int i = 0; i < OCCURRED_AT_SECONDS; i++)
        {
            occurredAt[i] = local.plusSeconds(i).toString();
        }

        seedCommands = new ArrayList<>(3 + STORES + 2 * memberCount);
        seedCommands.add(new Commands.SetProgram(
            "bench-program", POINT_VALUE_MINOR, BASE_EARN_BP, EarnOn.PAID, 0, 365, MAX_REDEEM_SHARE_BP, 900, 300, 100));
        for (int s = 0; s < STORES; s++)
        {
            storeIds[s] = "s" + (s + 1);
            seedCommands.add(new Commands.PutStore(
                "bench-store-" + s, storeIds[s], "main", Channel.POS, Map.of("format", s % 5 == 0 ? "hyper" : "super")));
        }
        cards = new String[memberCount];
        cardRefs = new MemberRef[memberCount];
        for (int m = 0; m < memberCount; m++)
        {
            cards[m] = Long.toString(7_770_000_000_000L + m);
            cardRefs[m] = MemberRef.byIdentifier(IdentifierType.CARD, cards[m]);
            seedCommands.add(new Commands.CreateMember(
                "bench-member-" + m,
                null,
                List.of(new Identifier(IdentifierType.CARD, cards[m]),
                    new Identifier(IdentifierType.PHONE, "+7999" + (1_000_000 + m))),
                null,
                null,
                Map.of()));
        }
        for (int m = 0; m < memberCount; m++)
        {
            seedCommands.add(new Commands.AdjustPoints("bench-welcome-" + m, memberId(m), INITIAL_POINTS, "welcome"));
        }
    }

    /** Members made by {@link #seedCommands()}. */
    public int memberCount()
    {
        return memberCount;
    }

    /**
     * The commands that make the program, the stores and the members with their welcome points, in the order
     * they must be applied to an empty engine. Each must succeed.
     */
    public List<Command> seedCommands()
    {
        return seedCommands;
    }

    /**
     * The engine's id of the {@code m}-th member: members are numbered from 1 in creation order (the engine's
     * documented {@code "m_" + base 36} ids); a seed whose adjustments name the wrong member fails loudly.
     */
    public static String memberId(final int m)
    {
        return "m_" + Long.toString(m + 1L, 36);
    }

    /** The card of the {@code m}-th member. */
    public String card(final int m)
    {
        return cards[m];
    }

    /** {@code count} purchases with txIds {@code prefix-0}, {@code prefix-1}, ..., drawn from {@code seed}. */
    public Purchases purchases(final int count, final long seed, final String prefix)
    {
        return new Purchases(this, count, seed, prefix);
    }

    PurchaseRequest request(
        final SplittableRandom random, final String txId, final int member, final int index, final long[] figures)
    {
        final int lineCount = 3 + random.nextInt(3);
        final Line[] lines = new Line[lineCount];
        long total = 0;
        for (int i = 0; i < lineCount; i++)
        {
            final int sku = random.nextInt(SKUS);
            final int qty = random.nextInt(3);
            lines[i] = catalogue[sku][qty];
            total += lines[i].qty() * lines[i].unitPrice();
        }
        // API.md: maxRedeemable = floor(min(total * maxRedeemShareBp / 10000, total) / pointValueMinor).
        final long maxRedeemable = Math.min(total * MAX_REDEEM_SHARE_BP / 10_000, total) / POINT_VALUE_MINOR;
        final long redeem = Math.min(maxRedeemable, 10 + random.nextInt(91));
        // Base points: floor(paid * baseEarnBp / 10000 / pointValueMinor), paid = total - points money.
        final long paid = total - redeem * POINT_VALUE_MINOR;
        figures[0] = redeem;
        figures[1] = paid * BASE_EARN_BP / 10_000 / POINT_VALUE_MINOR;
        figures[2] = total;
        return new PurchaseRequest(
            txId,
            storeIds[random.nextInt(STORES)],
            cardRefs[member],
            withOccurredAt ? occurredAt[index % OCCURRED_AT_SECONDS] : null,
            "CARD",
            List.of(lines),
            redeem,
            false,
            List.of());
    }
}
