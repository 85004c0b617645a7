package org.redflag.console.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Signs commands as the later RedFlag server does (SCHEMA.md (e)), with a fresh Ed25519 key: the message is
 * {@code agent_id:id:command_type:sha256hex(json params):unix(signed_at)} and the signature is hex.
 */
public final class CommandSigner {

    private final KeyPair key;

    public CommandSigner() {
        try {
            key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return key.getPublic();
    }

    /** The key id RedFlag stores beside a signature: the first 16 bytes of SHA-256 of the raw public key. */
    public String keyId() {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256(rawPublicKey()), 16));
    }

    public String sign(String agentId, String commandId, String commandType, String paramsJson, long signedAtUnix) {
        String message = agentId + ":" + commandId + ":" + commandType + ":" + sha256Hex(paramsJson) + ":"
                + signedAtUnix;
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivate());
            ed25519.update(message.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's ed25519.PublicKey is the raw 32 bytes: the tail of Java's X.509 encoding. */
    private byte[] rawPublicKey() {
        byte[] encoded = key.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
