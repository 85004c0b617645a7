package org.redflag.console.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS tests run with openssl's certificates here; on a machine without openssl they get keytool's. */
class TestCertificatesTest {

    @Test
    void keytoolMakesCertificatesOfTheSameShapeAsOpenssl() throws Exception {
        Path dir = Files.createTempDirectory("redflag-test-keytool");
        TestCertificates made = TestCertificates.withKeytool(dir);
        TestCertificates.removeAtExit(dir);

        X509Certificate ca = read(made.ca());
        X509Certificate server = read(made.serverCert());
        server.verify(ca.getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
        assertThat(read(made.clientCert()).getSubjectX500Principal().getName()).isEqualTo("CN=certuser");
        assertThat(Files.readString(made.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(made.serverKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Files.readAllBytes(made.clientKey()))).getAlgorithm()).isEqualTo("EC");
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
