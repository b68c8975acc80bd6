package dev.loyalty.gateway;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.EarnOn;
import dev.loyalty.engine.command.KeyRole;
import dev.loyalty.engine.pricing.ProgramSettings;

import java.util.Map;

/** Decodes the admin bodies of API.md: program, partners, stores, keys. */
final class AdminBodies
{
    static final int MAX_STORE_ATTRIBUTES = 32;

    private AdminBodies()
    {
    }

    /** {@code PUT /v1/program}: fields the body leaves out take API.md's defaults. */
    static Commands.SetProgram program(final JsonReader r)
    {
        final ProgramSettings d = ProgramSettings.DEFAULTS;
        String requestId = null;
        long pointValueMinor = d.pointValueMinor();
        long baseEarnBp = d.baseEarnBp();
        EarnOn earnOn = d.earnOn();
        long activationDelayHours = d.activationDelayHours();
        long pointsTtlDays = d.pointsTtlDays();
        long maxRedeemShareBp = d.maxRedeemShareBp();
        long holdTimeoutSeconds = d.holdTimeoutSeconds();
        long referrerPoints = d.referrerPoints();
        long refereePoints = d.refereePoints();
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "pointValueMinor" -> pointValueMinor = r.integer("pointValueMinor", 1, 100_000_000_000L);
                case "baseEarnBp" -> baseEarnBp = r.integer("baseEarnBp", 0, 100_000);
                case "earnOn" -> earnOn = earnOn(r.string("earnOn"));
                case "activationDelayHours" -> activationDelayHours = r.integer("activationDelayHours", 0, 876_000);
                case "pointsTtlDays" -> pointsTtlDays = r.integer("pointsTtlDays", 1, 36_500);
                case "maxRedeemShareBp" -> maxRedeemShareBp = r.integer("maxRedeemShareBp", 0, 10_000);
                case "holdTimeoutSeconds" -> holdTimeoutSeconds = r.integer("holdTimeoutSeconds", 1, 31_536_000);
                case "referral" ->
                {
                    if (r.startObject("referral"))
                    {
                        String f;
                        while ((f = r.nextField()) != null)
                        {
                            switch (f)
                            {
                                case "referrerPoints" ->
                                    referrerPoints = r.integer("referral.referrerPoints", 0, 1_000_000_000_000L);
                                case "refereePoints" ->
                                    refereePoints = r.integer("referral.refereePoints", 0, 1_000_000_000_000L);
                                default -> throw JsonReader.unknownField("referral." + f);
                            }
                        }
                    }
                }
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        return new Commands.SetProgram(
            requestId, pointValueMinor, baseEarnBp, earnOn, activationDelayHours, pointsTtlDays, maxRedeemShareBp,
            holdTimeoutSeconds, referrerPoints, refereePoints);
    }

    /** {@code PUT /v1/partners/{partnerId}}: {@code {"requestId","name"}}. */
    static Commands.PutPartner partner(final JsonReader r, final String partnerId)
    {
        String requestId = null;
        String name = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "name" -> name = name(r.string("name"), "name");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (name == null)
        {
            throw new BadRequestException("name is required");
        }
        return new Commands.PutPartner(requestId, partnerId, name);
    }

    /** {@code PUT /v1/stores/{storeId}}: {@code partnerId} defaults to {@code main}, {@code channel} to POS. */
    static Commands.PutStore store(final JsonReader r, final String storeId)
    {
        String requestId = null;
        String partnerId = "main";
        Channel channel = Channel.POS;
        Map<String, String> attributes = Map.of();
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "partnerId" -> partnerId = r.id("partnerId");
                case "channel" -> channel = channel(r.string("channel"), "channel");
                case "attributes" ->
                {
                    final Map<String, String> a = r.stringMap("attributes", MAX_STORE_ATTRIBUTES);
                    attributes = a == null ? Map.of() : a;
                }
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        return new Commands.PutStore(requestId, storeId, partnerId, channel, attributes);
    }

    /** The parts of {@code POST /v1/keys} a client sends: {@code {"requestId","role","partnerId"}}. */
    record KeyRequest(String requestId, KeyRole role, String partnerId)
    {
    }

    /** {@code POST /v1/keys}: role {@code pos} (needs partnerId) or {@code admin}. */
    static KeyRequest key(final JsonReader r)
    {
        String requestId = null;
        KeyRole role = null;
        String partnerId = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "role" ->
                {
                    final String s = r.string("role");
                    role = switch (s)
                    {
                        case "pos" -> KeyRole.POS;
                        case "admin" -> KeyRole.ADMIN;
                        default -> throw new BadRequestException("role must be pos or admin");
                    };
                }
                case "partnerId" -> partnerId = r.nullableId("partnerId");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (role == null)
        {
            throw new BadRequestException("role is required (pos or admin)");
        }
        if (role == KeyRole.POS && partnerId == null)
        {
            throw new BadRequestException("partnerId is required for a pos key");
        }
        if (role == KeyRole.ADMIN && partnerId != null)
        {
            throw new BadRequestException("an admin key takes no partnerId");
        }
        return new KeyRequest(requestId, role, partnerId);
    }

    static Channel channel(final String s, final String where)
    {
        for (final Channel c : Channel.values())
        {
            if (c.name().equals(s))
            {
                return c;
            }
        }
        throw new BadRequestException(where + " must be one of POS, ONLINE, MOBILE_APP, CALL_CENTER, KIOSK, PARTNER");
    }

    private static EarnOn earnOn(final String s)
    {
        return switch (s)
        {
            case "PAID" -> EarnOn.PAID;
            case "TOTAL" -> EarnOn.TOTAL;
            default -> throw new BadRequestException("earnOn must be PAID or TOTAL");
        };
    }

    /** A display name: 1-256 characters, no controls. */
    static String name(final String s, final String where)
    {
        if (s.isBlank() || s.length() > 256)
        {
            throw new BadRequestException(where + " must be 1-256 characters");
        }
        return JsonReader.checkText(where, s);
    }
}
