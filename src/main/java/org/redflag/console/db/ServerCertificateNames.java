package org.redflag.console.db;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names in a PostgreSQL server's certificate, read after pgjdbc refused it for the host name, so the sentence
 * can say which names would have matched (pgjdbc's own message does not). It only reads the certificate from the
 * handshake and refuses it: the handshake never completes, nothing is sent over it.
 */
final class ServerCertificateNames {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificateNames.class);
    /** PostgreSQL's SSLRequest code: the client asks for TLS before the startup message. */
    private static final int SSL_REQUEST = 80877103;
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerCertificateNames() {
    }

    /** The certificate's DNS names and addresses (or its common name when it has none); empty when unreadable. */
    static List<String> of(String host, int port, int timeoutMillis) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(plain.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST);
            out.flush();
            if (plain.getInputStream().read() != 'S') {
                return List.of();
            }
            Capture capture = new Capture();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
            } catch (IOException refusedAsPlanned) {
                // Capture refuses every certificate once it has seen it.
            }
            return capture.leaf == null ? List.of() : names(capture.leaf);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.info("Could not read the names in the certificate of {}:{}: {}", host, port, e.toString());
            return List.of();
        }
    }

    static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                Object type = alternative.get(0);
                if (type.equals(DNS_NAME) || type.equals(IP_ADDRESS)) {
                    names.add(String.valueOf(alternative.get(1)));
                }
            }
        }
        if (names.isEmpty()) {
            // Without subjectAltName, pgjdbc (like libpq) falls back to the common name.
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(String.valueOf(rdn.getValue()));
                    }
                }
            } catch (javax.naming.InvalidNameException e) {
                return names;
            }
        }
        return names;
    }

    /** Keeps the server's certificate and trusts nothing. */
    private static final class Capture implements X509TrustManager {
        private X509Certificate leaf;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            leaf = chain.length == 0 ? null : chain[0];
            throw new CertificateException("only reading the certificate's names");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
