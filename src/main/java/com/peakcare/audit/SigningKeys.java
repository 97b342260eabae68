package com.peakcare.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key pair that signs sign-offs (JDK only, no provider). In production it comes from configuration:
 * {@code peakcare.audit.signing-key} (PKCS#8, base64) with {@code peakcare.audit.public-key} (X.509, base64),
 * because the JDK cannot derive an Ed25519 public key from a private one; the pair is checked at start-up. On the
 * embedded default, with nothing configured, a pair is generated once into {@code peakcare.audit.key-file}
 * (default {@code ./data/audit-signing.key}) and read from there afterwards.
 */
@Component
class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;
  private final String source;

  SigningKeys(
      @Value("${peakcare.audit.signing-key:}") String signingKey,
      @Value("${peakcare.audit.public-key:}") String publicKey,
      @Value("${peakcare.audit.key-file:./data/audit-signing.key}") String keyFile) {
    try {
      KeyPair pair;
      if (!signingKey.isBlank()) {
        if (publicKey.isBlank()) {
          throw new IllegalStateException("peakcare.audit.signing-key is set but peakcare.audit.public-key is not: "
              + "configure both (PKCS#8 and X.509, base64) so auditors can verify sign-offs");
        }
        pair = new KeyPair(decodePublic(publicKey.trim()), decodePrivate(signingKey.trim()));
        source = "configuration";
      } else {
        pair = fromFile(Path.of(keyFile));
        source = keyFile;
      }
      this.privateKey = pair.getPrivate();
      this.publicKey = pair.getPublic();
      checkPair();
      this.keyId = keyId(this.publicKey);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load the audit signing key: " + e.getMessage(), e);
    }
    log.info("sign-offs are signed with Ed25519 key {} from {}", keyId, source);
  }

  byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  boolean verify(byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(publicKey);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  PublicKey publicKey() {
    return publicKey;
  }

  String keyId() {
    return keyId;
  }

  /** The first 16 hex digits of the SHA-256 of the public key (X.509): names the key on every sign-off. */
  static String keyId(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void checkPair() {
    byte[] probe = "peakcare-key-check".getBytes(StandardCharsets.UTF_8);
    if (!verify(probe, sign(probe))) {
      throw new IllegalStateException("peakcare.audit.public-key does not belong to peakcare.audit.signing-key");
    }
  }

  /** Reads the pair, or generates it once (atomically, so two nodes starting together agree on one key). */
  private static KeyPair fromFile(Path file) throws IOException, GeneralSecurityException {
    if (!Files.exists(file)) {
      KeyPair generated = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "audit-key", ".tmp");
      try {
        restrict(tmp);
        Files.writeString(tmp, "# PeakCare audit signing key (Ed25519): line 1 PKCS#8 private, line 2 X.509 public\n"
            + b64(generated.getPrivate().getEncoded()) + "\n" + b64(generated.getPublic().getEncoded()) + "\n");
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
          log.info("generated a new audit signing key in {}", file);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          // another node was first; use its key
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    List<String> lines = Files.readAllLines(file).stream().map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (lines.size() < 2) {
      throw new IOException(file + " does not hold a private and a public key");
    }
    return new KeyPair(decodePublic(lines.get(1)), decodePrivate(lines.get(0)));
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the directory's permissions apply
    }
  }

  static PrivateKey decodePrivate(String base64) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  static PublicKey decodePublic(String base64) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
