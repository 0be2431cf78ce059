package dk.overblik.stack.server;

import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak in development mode with the {@code overblik} realm imported at the first start.
 * Each stack unpacks its own copy (its first start builds it, once); the database lives in the
 * stack's data folder, so {@code reset} or a fresh test stack re-imports the realm.
 */
public final class KeycloakServer implements Component {
    public static final String REALM = "overblik";
    private static final String DIST_ZIP = "keycloak-quarkus-dist.zip";
    private static final String REALM_RESOURCE = "/keycloak/overblik-realm.json";

    private final StackLayout layout;
    private final PortPlan ports;

    public KeycloakServer(StackLayout layout, PortPlan ports) {
        this.layout = layout;
        this.ports = ports;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public List<String> portNames() {
        return List.of("keycloak", "keycloak-management");
    }

    private Path home() {
        return layout.servers().resolve("keycloak");
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + ports.port("keycloak");
    }

    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    @Override
    public void prepare() {
        try {
            if (!Files.isRegularFile(home().resolve("bin/kc.sh"))) {
                unpack();
            }
            Path importDir = home().resolve("data/import");
            Files.createDirectories(importDir);
            byte[] realm;
            try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
                realm = in.readAllBytes();
            }
            Files.write(importDir.resolve(REALM + "-realm.json"), realm);
            // Keycloak imports a realm only into an empty database: when the realm file changed
            // since the last import, start from an empty one (it holds nothing but the demo realm).
            Path data = layout.data("keycloak");
            Path imported = data.resolve("imported-realm.sha256");
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(realm));
            boolean hasDatabase = Files.exists(data.resolve("data"));
            if (hasDatabase && (!Files.exists(imported) || !Files.readString(imported).equals(hash))) {
                System.out.println("  keycloak: the realm file changed; importing it again into an empty database");
                deleteRecursively(data);
            }
            Files.createDirectories(data);
            Files.writeString(imported, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void unpack() throws IOException {
        Path zip = layout.serverArchives().resolve(DIST_ZIP);
        if (!Files.exists(zip)) {
            throw new StackException("Keycloak's distribution is missing (" + zip + "): build first with ./mvnw package -DskipTests");
        }
        Path tmp = layout.servers().resolve("keycloak.unpacking");
        deleteRecursively(tmp);
        Files.createDirectories(tmp);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                // Drop the archive's top folder (keycloak-<version>/).
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                if (name.isEmpty()) {
                    continue;
                }
                Path target = tmp.resolve(name).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("Unsafe entry in " + zip + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (name.startsWith("bin/") && name.endsWith(".sh")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        Files.move(tmp, home(), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public List<String> command() {
        // The same build options on every start, or Keycloak rebuilds itself (15-50 s).
        return List.of(home().resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + ports.port("keycloak"),
                "--http-management-port=" + ports.port("keycloak-management"),
                "--hostname=" + baseUrl(),
                "--health-enabled=true",
                "--import-realm");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_DB_URL_PATH", layout.data("keycloak").toString(),
                // Local use only: an admin console login for the developer's own stack.
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    }

    @Override
    public Path workDir() {
        return home();
    }

    @Override
    public boolean isReady() {
        return Http.get("http://127.0.0.1:" + ports.port("keycloak-management") + "/health/ready").isOk()
                && Http.get(issuer() + "/.well-known/openid-configuration").isOk();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(300);
    }

    @Override
    public Map<String, String> stackEnv() {
        return Map.of(StackEnv.OIDC_ISSUER, issuer(), StackEnv.KEYCLOAK_URL, baseUrl());
    }
}
