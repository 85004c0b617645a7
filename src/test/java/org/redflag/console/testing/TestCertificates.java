package org.redflag.console.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made for one test run: a CA, a server certificate it signed for "localhost" only, a client
 * certificate it signed for the role "certuser", and an unrelated second CA. Made with openssl where it is
 * installed (fast), otherwise with the JDK's own keytool, so the TLS tests run on any machine with a JDK.
 *
 * @param ca          the PEM certificate of the CA that signed the server's and the client's certificates
 * @param otherCa     a PEM certificate of a CA that signed nothing here
 * @param serverCert  the server's PEM certificate, subjectAltName DNS:localhost and nothing else
 * @param serverKey   its unencrypted PKCS-8 PEM key, mode 0600 as PostgreSQL insists
 * @param clientCert  a PEM certificate with CN=certuser
 * @param clientKey   its unencrypted PKCS-8 DER key (".pk8"), the form pgjdbc reads for any key algorithm
 */
public record TestCertificates(Path ca, Path otherCa, Path serverCert, Path serverKey, Path clientCert,
        Path clientKey) {

    public static final String CLIENT_ROLE = "certuser";
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    /** Makes them in a new temporary folder, with openssl when it is there. */
    public static TestCertificates make() {
        try {
            Path dir = Files.createTempDirectory("redflag-test-tls");
            TestCertificates made = Files.isExecutable(OPENSSL) ? withOpenssl(dir) : withKeytool(dir);
            removeAtExit(dir);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestCertificates withOpenssl(Path dir) throws IOException {
        TestCertificates c = in(dir);
        caWithOpenssl(dir, "ca", "redflag test CA");
        caWithOpenssl(dir, "other-ca", "some other CA");
        signedWithOpenssl(dir, "server", "localhost", "subjectAltName=DNS:localhost\n");
        signedWithOpenssl(dir, "client", CLIENT_ROLE, "basicConstraints=CA:FALSE\n");
        run(dir, OPENSSL.toString(), "pkcs8", "-topk8", "-nocrypt", "-in", "client.key", "-outform", "DER",
                "-out", "client.pk8");
        return c.privateKeys();
    }

    private static void caWithOpenssl(Path dir, String name, String commonName) throws IOException {
        run(dir, OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + commonName);
    }

    private static void signedWithOpenssl(Path dir, String name, String commonName, String extensions)
            throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        run(dir, OPENSSL.toString(), "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        run(dir, OPENSSL.toString(), "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    static TestCertificates withKeytool(Path dir) throws IOException {
        TestCertificates c = in(dir);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        for (String[] entry : new String[][] {{"ca", "redflag test CA"}, {"other-ca", "some other CA"},
                {"server", "localhost"}, {"client", CLIENT_ROLE}}) {
            List<String> args = new ArrayList<>(List.of(keytool, "-genkeypair", "-keystore", "keys.p12",
                    "-storepass", "changeit", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-alias", entry[0], "-dname", "CN=" + entry[1]));
            if (entry[0].endsWith("ca")) {
                args.addAll(List.of("-ext", "bc:c"));
            }
            run(dir, args.toArray(String[]::new));
        }
        run(dir, keytool, "-exportcert", "-rfc", "-keystore", "keys.p12", "-storepass", "changeit", "-alias", "ca",
                "-file", "ca.crt");
        run(dir, keytool, "-exportcert", "-rfc", "-keystore", "keys.p12", "-storepass", "changeit",
                "-alias", "other-ca", "-file", "other-ca.crt");
        for (String[] entry : new String[][] {{"server", "san=dns:localhost"}, {"client", "bc=ca:false"}}) {
            run(dir, keytool, "-certreq", "-keystore", "keys.p12", "-storepass", "changeit", "-alias", entry[0],
                    "-file", entry[0] + ".csr");
            run(dir, keytool, "-gencert", "-rfc", "-keystore", "keys.p12", "-storepass", "changeit", "-alias", "ca",
                    "-infile", entry[0] + ".csr", "-outfile", entry[0] + ".crt", "-validity", "2", "-ext", entry[1]);
        }
        // keytool keeps keys in its keystore only; PostgreSQL wants a PKCS-8 PEM file, pgjdbc the DER.
        try (InputStream in = Files.newInputStream(dir.resolve("keys.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            byte[] serverKey = ((PrivateKey) store.getKey("server", "changeit".toCharArray())).getEncoded();
            Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serverKey)
                    + "\n-----END PRIVATE KEY-----\n");
            Files.write(dir.resolve("client.pk8"),
                    ((PrivateKey) store.getKey("client", "changeit".toCharArray())).getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not read the keys keytool made", e);
        }
        return c.privateKeys();
    }

    /** The JVM deletes in the reverse order of registering: the files first, then their folder. */
    static void removeAtExit(Path dir) throws IOException {
        dir.toFile().deleteOnExit();
        try (var files = Files.list(dir)) {
            files.forEach(file -> file.toFile().deleteOnExit());
        }
    }

    private static TestCertificates in(Path dir) {
        return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("other-ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("client.crt"), dir.resolve("client.pk8"));
    }

    private TestCertificates privateKeys() throws IOException {
        for (Path key : List.of(serverKey, clientKey)) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return this;
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
