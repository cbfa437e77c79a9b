package io.kogu.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses an outbound call may reach. Public unicast addresses always; loopback and private ranges
 * only when configuration allows them (a local receiver in development, an intranet blog); link-local (cloud
 * metadata at 169.254.169.254 lives there), unspecified, multicast, documentation and reserved ranges never.
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate, Set<InetAddress> alwaysAllowed) {

    public enum Kind { PUBLIC, LOOPBACK, PRIVATE, FORBIDDEN }

    public AddressPolicy {
        alwaysAllowed = Set.copyOf(alwaysAllowed);
    }

    public AddressPolicy(boolean allowLoopback, boolean allowPrivate) {
        this(allowLoopback, allowPrivate, Set.of());
    }

    /**
     * The addresses an installation names one by one ({@code kogu.outbound.allowed-addresses}: the intranet blog at
     * 10.1.2.3), allowed whatever their kind, while the rest of their range stays refused.
     */
    public static Set<InetAddress> literals(List<String> addresses) {
        Set<InetAddress> parsed = new HashSet<>();
        for (String address : addresses) {
            if (!address.isBlank() && !LITERAL.matcher(address.strip()).matches()) {
                throw new IllegalArgumentException("Not an IP address: " + address);
            }
            try {
                if (!address.isBlank()) {
                    parsed.add(InetAddress.getByName(address.strip())); // a literal: no DNS lookup
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an IP address: " + address, e);
            }
        }
        return parsed;
    }

    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public boolean allows(InetAddress address) {
        if (alwaysAllowed.contains(address)) {
            return true;
        }
        return switch (kindOf(address)) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case PRIVATE -> allowPrivate;
            case FORBIDDEN -> false;
        };
    }

    public static Kind kindOf(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Kind.LOOPBACK;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return Kind.FORBIDDEN;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return kindOfIpv4(b);
        }
        if (address instanceof Inet6Address) {
            if (isIpv4Translated(b)) {
                // ::ffff:a.b.c.d and 64:ff9b::a.b.c.d reach the IPv4 address inside them.
                return kindOfIpv4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
                return Kind.PRIVATE; // fc00::/7 unique local, fec0::/10 site-local
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Kind.FORBIDDEN; // 2001:db8::/32 documentation
            }
            if ((first & 0xe0) != 0x20) {
                return Kind.FORBIDDEN; // outside 2000::/3, the global unicast space
            }
            return Kind.PUBLIC;
        }
        return Kind.FORBIDDEN;
    }

    private static boolean isIpv4Translated(byte[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || nat64;
    }

    private static Kind kindOfIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return Kind.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)
                || (a0 == 100 && a1 >= 64 && a1 <= 127)) {
            return Kind.PRIVATE; // RFC 1918 and carrier-grade NAT (RFC 6598)
        }
        if (a0 == 0 || (a0 == 169 && a1 == 254) || a0 >= 224
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 == 18 || a1 == 19)) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Kind.FORBIDDEN; // this network, link-local, multicast/reserved, IETF, benchmarking, documentation
        }
        return Kind.PUBLIC;
    }
}
