package dev.talosrehearsal.machineconfig.secrets;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Subject names encoded the way Go's crypto/x509 encodes them.
 *
 * <p>Go writes a string attribute as PrintableString when every character allows it, UTF8String
 * otherwise; BouncyCastle's default style would always pick UTF8String. Matching Go keeps our
 * certificates byte-comparable with Talos's ({@code O=talos} is {@code 13 05 74616c6f73}).
 */
final class X509Names {
    private X509Names() {}

    /** {@code O=org1, O=org2, ...}, one RDN per organization as Go does; empty for no organization. */
    static X500Name organizations(String... organizations) {
        RDN[] rdns = new RDN[organizations.length];
        for (int i = 0; i < organizations.length; i++) {
            rdns[i] = new RDN(BCStyle.O, goString(organizations[i]));
        }
        return new X500Name(rdns);
    }

    private static ASN1Encodable goString(String s) {
        return isPrintable(s) ? new DERPrintableString(s) : new DERUTF8String(s);
    }

    // Go's isPrintable (encoding/asn1), without the '*' and '&' exceptions it allows when parsing.
    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
