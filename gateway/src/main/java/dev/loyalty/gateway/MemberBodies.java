package dev.loyalty.gateway;

import com.fasterxml.jackson.core.JsonToken;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.Identifier;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes the member bodies of API.md: create, add identifier, merge, adjustment. */
final class MemberBodies
{
    static final int MAX_IDENTIFIERS = 20;
    static final int MAX_ATTRIBUTES = 32;
    static final long MAX_ADJUSTMENT = 1_000_000_000_000L;

    private MemberBodies()
    {
    }

    /** {@code POST /v1/members}. */
    static Commands.CreateMember create(final JsonReader r, final String scopePartnerId)
    {
        String requestId = null;
        List<Identifier> identifiers = List.of();
        String birthday = null;
        String referrerCode = null;
        Map<String, String> attributes = Map.of();
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "identifiers" -> identifiers = identifiers(r);
                case "birthday" -> birthday = birthday(r.nullableString("birthday"));
                case "referrerCode" -> referrerCode = r.nullableId("referrerCode");
                case "attributes" ->
                {
                    final Map<String, String> a = r.stringMap("attributes", MAX_ATTRIBUTES);
                    attributes = a == null ? Map.of() : a;
                }
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        requireRequestId(requestId);
        return new Commands.CreateMember(requestId, scopePartnerId, identifiers, birthday, referrerCode, attributes);
    }

    /** {@code POST /v1/members/{memberId}/identifiers}: {@code {"requestId","identifier":{"type","value"}}}. */
    static Commands.AddIdentifier addIdentifier(final JsonReader r, final String scopePartnerId, final String memberId)
    {
        String requestId = null;
        Identifier identifier = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "identifier" -> identifier = PurchaseBodies.identifier(r, "identifier");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        requireRequestId(requestId);
        if (identifier == null)
        {
            throw new BadRequestException("identifier is required");
        }
        return new Commands.AddIdentifier(requestId, scopePartnerId, memberId, identifier);
    }

    /** {@code POST /v1/members/{memberId}/merge}: {@code {"requestId","sourceMemberId"}}. */
    static Commands.MergeMembers merge(final JsonReader r, final String targetMemberId)
    {
        String requestId = null;
        String source = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "sourceMemberId" -> source = r.id("sourceMemberId");
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        requireRequestId(requestId);
        if (source == null)
        {
            throw new BadRequestException("sourceMemberId is required");
        }
        return new Commands.MergeMembers(requestId, targetMemberId, source);
    }

    /** {@code POST /v1/members/{memberId}/adjustments}: {@code {"requestId","points","reason"}}. */
    static Commands.AdjustPoints adjust(final JsonReader r, final String memberId)
    {
        String requestId = null;
        long points = 0;
        boolean hasPoints = false;
        String reason = null;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "points" ->
                {
                    points = r.integer("points", -MAX_ADJUSTMENT, MAX_ADJUSTMENT);
                    hasPoints = true;
                }
                case "reason" ->
                {
                    reason = r.nullableString("reason");
                    if (reason != null && reason.length() > 256)
                    {
                        throw new BadRequestException("reason must be at most 256 characters");
                    }
                    if (reason != null)
                    {
                        JsonReader.checkText("reason", reason);
                    }
                }
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        requireRequestId(requestId);
        if (!hasPoints || points == 0)
        {
            throw new BadRequestException("points must be a non-zero integer");
        }
        return new Commands.AdjustPoints(requestId, memberId, points, reason);
    }

    static void requireRequestId(final String requestId)
    {
        if (requestId == null)
        {
            throw new BadRequestException("requestId is required");
        }
    }

    private static List<Identifier> identifiers(final JsonReader r)
    {
        if (!r.startArray("identifiers"))
        {
            return List.of();
        }
        final ArrayList<Identifier> list = new ArrayList<>();
        while (r.nextElement())
        {
            final String where = "identifiers[" + list.size() + "]";
            if (list.size() == MAX_IDENTIFIERS)
            {
                throw new BadRequestException("identifiers has more than " + MAX_IDENTIFIERS + " entries");
            }
            if (r.current() != JsonToken.START_OBJECT)
            {
                throw new BadRequestException(where + " must be an object");
            }
            list.add(PurchaseBodies.identifierFields(r, where));
        }
        return list;
    }

    private static String birthday(final String s)
    {
        if (s == null)
        {
            return null;
        }
        try
        {
            if (s.length() != 10)
            {
                throw new DateTimeParseException("length", s, 0);
            }
            LocalDate.parse(s);
        }
        catch (final DateTimeParseException ex)
        {
            throw new BadRequestException("birthday must be a date (yyyy-MM-dd)");
        }
        return s;
    }
}
