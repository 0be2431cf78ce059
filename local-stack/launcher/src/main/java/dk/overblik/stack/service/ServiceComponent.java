package dk.overblik.stack.service;

import dk.overblik.simulator.Municipality;
import dk.overblik.stack.PortPlan;
import dk.overblik.stack.StackEnv;
import dk.overblik.stack.StackException;
import dk.overblik.stack.StackLayout;
import dk.overblik.stack.process.Http;
import dk.overblik.stack.server.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** One of the four Overblik services, run from its packaged Quarkus application. */
public final class ServiceComponent implements Component {

    /** The services in start order, with the stack.env key that carries each one's URL. */
    public enum Service {
        // A fixed heap: grown from a small start under full load, G1 kept the young generation at
        // some 15 MB and collected it several times a second (GC threads used more CPU than the event loop).
        INDEXER("indexer", "indexer-service", StackEnv.INDEXER_URL, "1g", "1g"),
        // Holds a large municipality's last good organisation and access in memory (100,000 users).
        ORGSYNC("orgsync", "org-sync-service", StackEnv.ORGSYNC_URL, "64m", "1g"),
        // Measured the other way round from the indexer: 0.96 ms of its own CPU per saturated lookup
        // starting from 64 MB, 1.32 ms with a fixed 512 MB (one run each).
        OVERVIEW("overview", "overview-service", StackEnv.OVERVIEW_URL, "64m", "512m"),
        ADVIS("advis", "advis-service", StackEnv.ADVIS_URL, "64m", "512m");

        private final String shortName;
        private final String module;
        private final String urlKey;
        private final String initialHeap;
        private final String maxHeap;

        Service(String shortName, String module, String urlKey, String initialHeap, String maxHeap) {
            this.shortName = shortName;
            this.module = module;
            this.urlKey = urlKey;
            this.initialHeap = initialHeap;
            this.maxHeap = maxHeap;
        }

        public String shortName() {
            return shortName;
        }

        public String module() {
            return module;
        }

        public String urlKey() {
            return urlKey;
        }
    }

    private final Service service;
    private final StackLayout layout;
    private final PortPlan ports;
    private final Supplier<StackEnv> env;

    public ServiceComponent(Service service, StackLayout layout, PortPlan ports, Supplier<StackEnv> env) {
        this.service = service;
        this.layout = layout;
        this.ports = ports;
        this.env = env;
    }

    public Service service() {
        return service;
    }

    @Override
    public String name() {
        return service.module();
    }

    @Override
    public List<String> portNames() {
        return List.of(service.shortName());
    }

    public String url() {
        return "http://127.0.0.1:" + ports.port(service.shortName());
    }

    @Override
    public void prepare() {
        if (!Files.isRegularFile(jar())) {
            throw new StackException(service.module() + " is not built (" + jar() + "): build first with ./mvnw package -DskipTests");
        }
    }

    private Path jar() {
        return layout.serviceJar(service.module());
    }

    @Override
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + service.initialHeap, "-Xmx" + service.maxHeap));
        command.addAll(List.of("-jar", jar().toString()));
        return command;
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(env.get().asMap());
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(ports.port(service.shortName())));
        // Readable logs in .overblik/logs; deployments keep the prod default (JSON).
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (service == Service.ORGSYNC) {
            environment.put("OVERBLIK_ORG_SYNC_DROP_DIR", layout.stackDir().resolve("org-drop").toString());
        }
        if (service == Service.ADVIS) {
            environment.put("OVERBLIK_ADVIS_MUNICIPALITIES", Municipality.DEMO.stream().map(m -> m.cvr() + ":" + m.code())
                    .collect(Collectors.joining(",")));
            // Every local stack is a demo: its municipalities get the demo rules.
            environment.put("OVERBLIK_ADVIS_RULES_AT_START", "DEMO");
        }
        return environment;
    }

    @Override
    public Path workDir() {
        return layout.projectDir().resolve(service.module());
    }

    @Override
    public boolean isReady() {
        return Http.get(url() + "/q/health/ready").isOk();
    }

    @Override
    public Map<String, String> stackEnv() {
        return Map.of(service.urlKey(), url());
    }
}
