package org.redflag.console.db;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS parameters given beside the URL (options or environment). Each is null when not given, and then the URL's
 * own parameter of that name, if any, stays in force; a given one replaces the URL's.
 *
 * @param sslMode     pgjdbc's sslmode: disable, allow, prefer, require, verify-ca or verify-full
 * @param sslRootCert the PEM file of the CA that signed the server's certificate
 * @param sslCert     the client certificate, for servers that authenticate by certificate
 * @param sslKey      the client certificate's key (PKCS-8 DER ".pk8", or ".p12")
 */
public record TlsSettings(String sslMode, String sslRootCert, String sslCert, String sslKey) {

    public static final TlsSettings NONE = new TlsSettings(null, null, null, null);

    /** The given parameters by pgjdbc's names, for {@link JdbcUrls#withParameters}. */
    Map<String, String> parameters() {
        Map<String, String> given = new LinkedHashMap<>();
        putIfGiven(given, "sslmode", sslMode);
        putIfGiven(given, "sslrootcert", sslRootCert);
        putIfGiven(given, "sslcert", sslCert);
        putIfGiven(given, "sslkey", sslKey);
        return given;
    }

    private static void putIfGiven(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value.strip());
        }
    }
}
