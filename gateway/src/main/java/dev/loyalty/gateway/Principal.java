package dev.loyalty.gateway;

/**
 * Who is calling: the admin (every route, every partner) or a {@code pos} key bound to one partner.
 *
 * @param admin     true for an admin key.
 * @param partnerId the partner a {@code pos} key is bound to; null for admin.
 * @param keyId     the key's id; null for the bootstrap admin key.
 */
public record Principal(boolean admin, String partnerId, String keyId)
{
    static final Principal BOOTSTRAP_ADMIN = new Principal(true, null, null);

    /** The partner scope commands carry: null for admin (sees everything). */
    public String scopePartnerId()
    {
        return admin ? null : partnerId;
    }
}
