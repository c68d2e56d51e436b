package io.budgetwatch.kubernetes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.budgetwatch.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads every manifest of deploy/kubernetes (base/ and the prod overlay's own resources) with the fabric8 model
 * (custom kinds as generic resources) and checks what a cluster would only reveal at deploy time. The services'
 * Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler and ServiceMonitor are in base/generated/: copies
 * of what quarkus-kubernetes generates at build time (target/kubernetes/kubernetes.yml), held equal to it.
 */
class KubernetesManifestsTest {

    /** The module directory (surefire runs in it). */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path BASE = MODULE.resolve("base");
    private static final Path PROD = MODULE.resolve("overlays/prod");
    private static final Path DEV = MODULE.resolve("overlays/dev");
    private static final Path REPO = MODULE.getParent().getParent();
    private static final List<String> SERVICES = List.of("goals-service", "execution-service", "reporting-service");
    /** The one command that builds the services' manifests and copies them to base/generated/ (README too). */
    static final String REFRESH = "./mvnw -o -pl goals-service,execution-service,reporting-service,deploy/kubernetes"
            + " -am package -DskipTests -Prefresh-manifests";

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static List<HasMetadata> base;
    private static List<HasMetadata> prod;

    @BeforeAll
    static void load() throws IOException {
        base = new ArrayList<>();
        for (String file : resources(BASE)) {
            base.addAll(documents(BASE.resolve(file)));
        }
        prod = new ArrayList<>(base);
        for (String file : resources(PROD)) {
            if (!file.startsWith("../")) {
                prod.addAll(documents(PROD.resolve(file)));
            }
        }
    }

    @Test
    void kustomizationsListEveryManifestAndOnlyExistingFiles() throws IOException {
        Set<String> listed = new TreeSet<>(resources(BASE));
        for (String f : listed) {
            assertTrue(Files.isRegularFile(BASE.resolve(f)), "base/kustomization.yaml lists a missing file: " + f);
        }
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(BASE)) {
            onDisk = files.filter(p -> (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            && !p.endsWith("kustomization.yaml"))
                    .map(p -> BASE.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, listed, "every manifest under base/ is in base/kustomization.yaml and only those");
        for (Path overlay : List.of(DEV, PROD)) {
            List<String> res = resources(overlay);
            assertTrue(res.contains("../../base"), overlay + " builds on base/");
            for (String f : res) {
                assertTrue(Files.exists(overlay.resolve(f).normalize()), overlay + " lists a missing path: " + f);
            }
        }
        assertEquals(1, replicasPatched(DEV, "Deployment"), "dev: one replica of each Deployment");
        assertEquals(1, replicasPatched(DEV, "KafkaNodePool"), "dev: one Kafka node");
        assertEquals(1, replicasPatched(DEV, "KafkaTopic"), "dev: topic replicas fit one Kafka node");
        assertEquals(1, valuePatched(DEV, "Cluster", "/spec/instances"), "dev: one PostgreSQL instance per database");
        assertEquals(3, replicasPatched(PROD, "Deployment"), "prod: three replicas of each service");
        Set<String> scaled = of(prod, HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(SERVICES), scaled, "prod: an autoscaler for every service");
        // the generated manifests carry the autoscalers (minReplicas 3): dev deletes every one
        assertEquals(Set.copyOf(SERVICES), of(base, HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getMetadata().getName()).collect(Collectors.toSet()), "an autoscaler per service in base/");
        assertTrue(deletes(DEV, "HorizontalPodAutoscaler"), "dev: every HorizontalPodAutoscaler deleted ($patch: delete)");
    }

    @Test
    void theGeneratedManifestsAreTheCommittedCopies() throws IOException {
        for (String service : SERVICES) {
            Path built = REPO.resolve(service + "/target/kubernetes/kubernetes.yml");
            Path copy = BASE.resolve("generated/" + service + "/kubernetes.yml");
            assertTrue(Files.isRegularFile(built), built + " is missing: build the services (" + REFRESH + ")");
            // quarkus-kubernetes writes env and envFrom in no stable order (the same build twice differs): compared
            // as sets, everything else as written
            Map<String, Object> expected = normalized(built);
            Map<String, Object> actual = normalized(copy);
            assertEquals(expected.keySet(), actual.keySet(), copy + ": other resources than " + built + "; " + REFRESH);
            for (String resource : expected.keySet()) {
                assertEquals(expected.get(resource), actual.get(resource),
                        copy + ": " + resource + " differs from " + built + "; refresh: " + REFRESH);
            }
            for (Class<? extends HasMetadata> kind : List.of(Deployment.class, Service.class,
                    PodDisruptionBudget.class, HorizontalPodAutoscaler.class)) {
                assertEquals(1, of(base, kind).stream().filter(r -> service.equals(r.getMetadata().getName())).count(),
                        "one " + kind.getSimpleName() + " " + service + " in base/");
                assertNotNull(named(documents(copy), kind, service),
                        kind.getSimpleName() + " " + service + " comes from the generated " + copy);
            }
        }
    }

    @Test
    void aServiceMonitorPerServiceScrapesItsHttpPortAtQMetrics() {
        List<GenericKubernetesResource> monitors = kind(base, "ServiceMonitor");
        assertEquals(Set.copyOf(SERVICES), monitors.stream().map(m -> m.getMetadata().getName())
                .collect(Collectors.toSet()), "a ServiceMonitor per service");
        for (String service : SERVICES) {
            GenericKubernetesResource monitor = named(monitors, service);
            Service svc = named(base, Service.class,
                    service);
            Map<?, ?> selector = (Map<?, ?>) at(monitor, "spec", "selector", "matchLabels");
            assertNotNull(selector, service + ": the ServiceMonitor selects by labels (an empty selector takes all)");
            assertEquals(service, selector.get("app.kubernetes.io/name"), service + ": selects its own Service only");
            for (Map.Entry<?, ?> label : selector.entrySet()) {
                assertEquals(label.getValue(), svc.getMetadata().getLabels().get((String) label.getKey()),
                        service + ": the Service carries the monitor's label " + label.getKey());
            }
            for (Service other : of(base, Service.class)) {
                if (!other.getMetadata().getName().equals(service) && other.getMetadata().getLabels() != null) {
                    assertFalse(other.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                            service + "'s ServiceMonitor also selects " + other.getMetadata().getName());
                }
            }
            List<?> endpoints = (List<?>) at(monitor, "spec", "endpoints");
            assertEquals(1, endpoints.size());
            Map<?, ?> endpoint = (Map<?, ?>) endpoints.get(0);
            assertEquals("/q/metrics", endpoint.get("path"), service + " metrics path");
            // the monitor's port is the Service's (by name or the pods' port) and the container's port named http
            Container c = named(base, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            int http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow()
                    .getContainerPort();
            assertEquals(1, svc.getSpec().getPorts().size());
            ServicePort servicePort = svc.getSpec().getPorts().get(0);
            assertTrue(servicePort.getTargetPort().getIntVal() != null
                    ? servicePort.getTargetPort().getIntVal() == http
                    : "http".equals(servicePort.getTargetPort().getStrVal()), service + ": the Service reaches http");
            Object port = endpoint.get("port");
            Object targetPort = endpoint.get("targetPort");
            assertTrue(servicePort.getName().equals(port) || Integer.valueOf(http).equals(targetPort)
                            || "http".equals(targetPort),
                    service + ": the ServiceMonitor scrapes the Service's port " + servicePort.getName() + " (" + http
                            + "), not " + endpoint);
            assertEquals(svc.getSpec().getSelector(), named(base, Deployment.class, service).getSpec().getSelector()
                    .getMatchLabels(), service + ": the Service selects the Deployment's pods");
        }
    }

    @Test
    void everyDeploymentHasTheThreeProbesAndRequestsAndLimits() {
        List<Deployment> deployments = of(base, Deployment.class);
        assertEquals(Set.of("goals-service", "execution-service", "reporting-service", "keycloak"),
                deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment d : deployments) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String where = d.getMetadata().getName() + "/" + c.getName();
                String health = SERVICES.contains(d.getMetadata().getName()) ? "/q/health/" : "/health/";
                assertProbe(where + " startup", c.getStartupProbe(), health + "started");
                assertProbe(where + " liveness", c.getLivenessProbe(), health + "live");
                assertProbe(where + " readiness", c.getReadinessProbe(), health + "ready");
                assertNotNull(c.getResources(), where + " resources");
                for (String r : List.of("cpu", "memory")) {
                    assertNotNull(c.getResources().getRequests().get(r), where + " requests " + r);
                    assertNotNull(c.getResources().getLimits().get(r), where + " limits " + r);
                }
            }
        }
        for (String service : SERVICES) {
            Deployment d = named(base, Deployment.class, service);
            Set<String> from = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().stream()
                    .map(e -> e.getConfigMapRef().getName()).collect(Collectors.toSet());
            assertEquals(Set.of("budgetwatch-config", service + "-config"), from, service + " env from ConfigMaps");
            for (String cm : from) {
                assertNotNull(named(base, ConfigMap.class, cm), "ConfigMap " + cm + " exists");
            }
            // envFrom's order (generated in no stable order) decides only between equal keys: there are none
            Set<String> shared = new TreeSet<>(named(base, ConfigMap.class, "budgetwatch-config").getData().keySet());
            shared.retainAll(named(base, ConfigMap.class, service + "-config").getData().keySet());
            assertEquals(Set.of(), shared, service + ": keys in both ConfigMaps");
            assertTrue(named(base, PodDisruptionBudget.class, service) != null, service + " has a PodDisruptionBudget");
        }
    }

    @Test
    void everyVariableGivenToAServiceIsReadByIt() throws IOException {
        String common = Files.readString(REPO.resolve(
                "platform/service-common/src/main/resources/META-INF/microprofile-config.properties"));
        for (String service : SERVICES) {
            String properties = common
                    + Files.readString(REPO.resolve(service + "/src/main/resources/application.properties"));
            Map<String, String> variables = new TreeMap<>(named(base, ConfigMap.class, "budgetwatch-config").getData());
            variables.putAll(named(base, ConfigMap.class, service + "-config").getData());
            named(base, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .forEach(e -> variables.put(e.getName(), ""));
            for (String name : variables.keySet()) {
                boolean read;
                if (name.startsWith("KAFKA_")) {
                    // kafka.* keys: the SmallRye channels and common.kafka.KafkaClientSecurity
                    read = clientSecurityKeys().contains(name.substring(6).toLowerCase().replace('_', '.'));
                } else {
                    read = properties.contains("${" + name + ":") || properties.contains("${" + name + "}")
                            || readByConfigMapping(name);
                }
                assertTrue(read, service + " reads no " + name);
            }
        }
    }

    /** BUDGETWATCH_KAFKA_CREATE_TOPICS: a @ConfigMapping(prefix = "budgetwatch.kafka") with createTopics(). */
    private static boolean readByConfigMapping(String name) throws IOException {
        try (Stream<Path> files = Files.walk(REPO.resolve("platform/service-common/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher m = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)").matcher(source);
                if (m.find()) {
                    String prefix = m.group(1).toUpperCase().replace('.', '_').replace('-', '_') + "_";
                    if (name.startsWith(prefix)) {
                        String[] words = name.substring(prefix.length()).toLowerCase().split("_");
                        StringBuilder method = new StringBuilder(words[0]);
                        for (int i = 1; i < words.length; i++) {
                            method.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
                        }
                        if (source.contains(" " + method + "();")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static Set<String> clientSecurityKeys() throws IOException {
        String source = Files.readString(REPO.resolve(
                "platform/service-common/src/main/java/io/budgetwatch/common/kafka/KafkaClientSecurity.java"));
        Set<String> keys = new HashSet<>();
        Matcher m = Pattern.compile("\"((?:security|sasl|ssl)\\.[a-z.]+)\"").matcher(source);
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertTrue(keys.contains("security.protocol"));
        return keys;
    }

    @Test
    void devFitsOneKafkaNode() throws IOException {
        Map<?, ?> config = (Map<?, ?>) at(kind(base, "Kafka").get(0), "spec", "kafka", "config");
        for (Object key : config.keySet()) {
            String k = (String) key;
            if (k.endsWith("replication.factor") || k.endsWith("min.isr") || k.equals("min.insync.replicas")) {
                assertEquals(1, patchedValue(DEV, "Kafka", "/spec/kafka/config/" + k), "dev patches " + k);
            }
        }
    }

    @Test
    void imagesArePinnedByTag() {
        List<String> images = new ArrayList<>();
        for (Deployment d : of(base, Deployment.class)) {
            d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage()));
        }
        for (GenericKubernetesResource cluster : kind(base, "Cluster")) {
            images.add((String) at(cluster, "spec", "imageName"));
        }
        for (String image : images) {
            String last = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(last.contains(":"), "image without a tag: " + image);
            String tag = last.substring(last.indexOf(':') + 1);
            assertFalse(tag.isBlank() || tag.equals("latest"), "image not pinned: " + image);
        }
        for (String service : SERVICES) {
            // quarkus-container-image names the default registry (docker.io/budgetwatch/... = budgetwatch/...)
            assertEquals("docker.io/budgetwatch/" + service + ":0.1.0", named(base, Deployment.class, service).getSpec()
                    .getTemplate().getSpec().getContainers().get(0).getImage());
        }
    }

    @Test
    void everySecretReferenceNamesASecretThatIsProduced() throws IOException {
        Map<String, Set<String>> external = externalSecrets();
        Set<String> cnpgApp = kind(base, "Cluster").stream().map(c -> c.getMetadata().getName() + "-app")
                .collect(Collectors.toSet());
        Map<String, Set<String>> strimzi = new HashMap<>();
        kind(base, "KafkaUser").forEach(u -> strimzi.put(u.getMetadata().getName(),
                Set.of("password", "sasl.jaas.config")));
        kind(base, "Kafka").forEach(k -> strimzi.put(k.getMetadata().getName() + "-cluster-ca-cert",
                Set.of("ca.crt", "ca.p12", "ca.password")));
        Set<String> cnpgKeys = Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass",
                "user");

        Map<String, Set<String>> referenced = new TreeMap<>();
        for (Deployment d : of(base, Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        referenced.computeIfAbsent(e.getValueFrom().getSecretKeyRef().getName(), k -> new TreeSet<>())
                                .add(e.getValueFrom().getSecretKeyRef().getKey());
                    } else if (e.getValue() != null && e.getName().matches(".*(PASSWORD|SECRET).*")) {
                        fail(d.getMetadata().getName() + ": " + e.getName() + " given as plain text");
                    }
                }
                c.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                        .forEach(e -> referenced.computeIfAbsent(e.getSecretRef().getName(), k -> new TreeSet<>()));
            }
            d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null)
                    .forEach(v -> v.getSecret().getItems().forEach(item -> referenced.computeIfAbsent(
                            v.getSecret().getSecretName(), k -> new TreeSet<>()).add(item.getKey())));
        }
        for (Ingress i : of(base, Ingress.class)) {
            i.getSpec().getTls().forEach(t -> referenced.computeIfAbsent(t.getSecretName(), k -> new TreeSet<>())
                    .addAll(Set.of("tls.crt", "tls.key")));
        }
        for (GenericKubernetesResource store : kind(base, "ObjectStore")) {
            Map<?, ?> creds = (Map<?, ?>) at(store, "spec", "configuration", "s3Credentials");
            for (Object ref : creds.values()) {
                Map<?, ?> r = (Map<?, ?>) ref;
                referenced.computeIfAbsent((String) r.get("name"), k -> new TreeSet<>()).add((String) r.get("key"));
            }
        }
        assertTrue(referenced.keySet().containsAll(Set.of("goals-db-app", "keycloak-admin", "backup-object-store")),
                "the walk found the references: " + referenced.keySet());
        for (Map.Entry<String, Set<String>> ref : referenced.entrySet()) {
            String name = ref.getKey();
            if (cnpgApp.contains(name)) {
                assertTrue(cnpgKeys.containsAll(ref.getValue()), name + " has no key " + ref.getValue());
            } else if (external.containsKey(name)) {
                assertTrue(external.get(name).containsAll(ref.getValue()),
                        name + ": keys " + ref.getValue() + " not all in external-secrets.txt " + external.get(name));
            } else {
                assertTrue(strimzi.containsKey(name), "secret " + name + " is produced by nothing");
                assertTrue(strimzi.get(name).containsAll(ref.getValue()), name + " has no key " + ref.getValue());
            }
        }
    }

    @Test
    void eachServiceReadsItsOwnDatabaseFromCloudNativePg() {
        Map<String, String> dbOfService = Map.of("goals-service", "goals", "execution-service", "execution",
                "reporting-service", "reporting");
        for (String service : SERVICES) {
            Map<String, String> config = named(base, ConfigMap.class, service + "-config").getData();
            String host = config.get("BUDGETWATCH_DB_HOST");
            assertTrue(host.endsWith("-rw"), service + " writes to the primary: " + host);
            String cluster = host.substring(0, host.length() - 3);
            GenericKubernetesResource c = named(kind(base, "Cluster"), cluster);
            assertNotNull(c, service + ": no CloudNativePG Cluster " + cluster);
            String dbKey = "BUDGETWATCH_" + service.replace("-service", "").toUpperCase() + "_DB";
            assertEquals(at(c, "spec", "bootstrap", "initdb", "database"), config.get(dbKey), service + " database");
            assertEquals(dbOfService.get(service), config.get(dbKey));
            Container container = named(base, Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            for (String var : List.of("BUDGETWATCH_DB_USER", "BUDGETWATCH_DB_PASSWORD")) {
                EnvVar e = container.getEnv().stream().filter(v -> v.getName().equals(var)).findFirst().orElseThrow();
                assertEquals(cluster + "-app", e.getValueFrom().getSecretKeyRef().getName(), service + " " + var);
            }
        }
        for (GenericKubernetesResource c : kind(base, "Cluster")) {
            String name = c.getMetadata().getName();
            assertEquals(3, at(c, "spec", "instances"), name + " instances");
            List<?> plugins = (List<?>) at(c, "spec", "plugins");
            assertTrue(plugins.stream().anyMatch(p -> Boolean.TRUE.equals(((Map<?, ?>) p).get("isWALArchiver"))),
                    name + " archives WAL");
            assertTrue(kind(base, "ScheduledBackup").stream()
                    .anyMatch(b -> name.equals(at(b, "spec", "cluster", "name"))), name + " has a scheduled backup");
        }
    }

    @Test
    void kafkaTopicsAreTopicsAllWithTheLocalStackPartitions() throws IOException {
        int partitions = localStackPartitions();
        List<GenericKubernetesResource> kafkas = kind(base, "Kafka");
        assertEquals(1, kafkas.size());
        String cluster = kafkas.get(0).getMetadata().getName();
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Topics.ALL.forEach(s -> expected.put(s.name(), s.configs()));
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (GenericKubernetesResource t : kind(base, "KafkaTopic")) {
            String name = (String) at(t, "spec", "topicName");
            assertEquals(cluster, t.getMetadata().getLabels().get("strimzi.io/cluster"), name + " cluster label");
            assertEquals(partitions, at(t, "spec", "partitions"), name + " partitions");
            Map<?, ?> config = (Map<?, ?>) at(t, "spec", "config");
            Map<String, String> configs = new TreeMap<>();
            if (config != null) {
                config.forEach((k, v) -> configs.put((String) k, String.valueOf(v)));
            }
            assertFalse(actual.containsKey(name), "topic twice: " + name);
            actual.put(name, configs);
        }
        assertEquals(expected, actual, "KafkaTopics = Topics.ALL (names and configs)");
    }

    @Test
    void autoscalersStayWithinThePartitionsOfTheConsumedTopics() throws IOException {
        int partitions = localStackPartitions();
        Set<String> names = Topics.ALL.stream().map(Topics.Spec::name).collect(Collectors.toSet());
        Map<String, Integer> partitionsOf = new HashMap<>();
        kind(base, "KafkaTopic").forEach(t -> partitionsOf.put((String) at(t, "spec", "topicName"),
                (Integer) at(t, "spec", "partitions")));
        List<HorizontalPodAutoscaler> hpas = of(prod, HorizontalPodAutoscaler.class);
        assertFalse(hpas.isEmpty());
        for (HorizontalPodAutoscaler h : hpas) {
            Deployment d = named(base, Deployment.class, h.getSpec().getScaleTargetRef().getName());
            assertNotNull(d, "autoscaler " + h.getMetadata().getName() + " targets a Deployment of base/");
            String consumes = d.getMetadata().getAnnotations().get("budgetwatch.io/consumes");
            assertNotNull(consumes, d.getMetadata().getName() + " declares the topics it consumes");
            int bound = partitions;
            for (String topic : consumes.isBlank() ? new String[0] : consumes.split(",")) {
                assertTrue(names.contains(topic), "unknown topic " + topic);
                bound = Math.min(bound, partitionsOf.get(topic));
            }
            assertTrue(h.getSpec().getMaxReplicas() <= bound,
                    h.getMetadata().getName() + " maxReplicas " + h.getSpec().getMaxReplicas() + " > partitions " + bound);
            assertTrue(h.getSpec().getMinReplicas() <= h.getSpec().getMaxReplicas());
        }
        // the annotation of reporting-service lists at least the topics its application.properties consumes
        Set<String> declared = Set.of(named(base, Deployment.class, "reporting-service").getMetadata()
                .getAnnotations().get("budgetwatch.io/consumes").split(","));
        Matcher m = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[^.]+\\.topic=(.+)$").matcher(
                Files.readString(REPO.resolve("reporting-service/src/main/resources/application.properties")));
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(declared.contains(m.group(1).trim()), "reporting-service consumes " + m.group(1));
        }
        assertTrue(found > 0);
    }

    @Test
    void noCommittedSecretHoldsData() {
        for (Secret s : of(prod, Secret.class)) {
            assertTrue((s.getData() == null || s.getData().isEmpty())
                    && (s.getStringData() == null || s.getStringData().isEmpty()),
                    "Secret " + s.getMetadata().getName() + " holds data in the repository");
        }
    }

    @Test
    void kafkaIsTlsWithScramAndAclsTreasuryOnlyWritesItsTwoTopics() {
        GenericKubernetesResource treasury = named(kind(base, "KafkaUser"), "treasury");
        assertEquals("scram-sha-512", at(treasury, "spec", "authentication", "type"));
        Map<String, List<?>> rights = new TreeMap<>();
        for (Object acl : (List<?>) at(treasury, "spec", "authorization", "acls")) {
            Map<?, ?> a = (Map<?, ?>) acl;
            Map<?, ?> resource = (Map<?, ?>) a.get("resource");
            assertEquals("topic", resource.get("type"));
            assertEquals("literal", resource.get("patternType"));
            rights.put((String) resource.get("name"), (List<?>) a.get("operations"));
        }
        assertEquals(Map.of(Topics.TREASURY_PAYMENTS, List.of("Write"), Topics.TREASURY_PAY_VOUCHERS, List.of("Write")),
                rights);
        for (GenericKubernetesResource u : kind(base, "KafkaUser")) {
            assertNotNull(u.getMetadata().getLabels().get("strimzi.io/cluster"), u.getMetadata().getName());
        }
        GenericKubernetesResource kafka = kind(base, "Kafka").get(0);
        List<?> listeners = (List<?>) at(kafka, "spec", "kafka", "listeners");
        assertFalse(listeners.isEmpty());
        for (Object l : listeners) {
            Map<?, ?> listener = (Map<?, ?>) l;
            assertEquals(true, listener.get("tls"), "listener " + listener.get("name") + " is TLS");
            assertNotNull(listener.get("authentication"), "listener " + listener.get("name") + " authenticates");
        }
        assertEquals("simple", at(kafka, "spec", "kafka", "authorization", "type"));
        assertNull(at(kafka, "spec", "kafka", "authorization", "superUsers"), "no super user");
        // each service logs in as the KafkaUser of its name, which may read what the service consumes
        Map<String, String> bootstrap = named(base, ConfigMap.class, "budgetwatch-config").getData();
        assertTrue(bootstrap.get("BUDGETWATCH_KAFKA").startsWith(kafka.getMetadata().getName() + "-kafka-bootstrap:"));
        assertEquals("SASL_SSL", bootstrap.get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("false", bootstrap.get("BUDGETWATCH_KAFKA_CREATE_TOPICS"), "Strimzi owns the topics");
        for (String service : SERVICES) {
            Deployment d = named(base, Deployment.class, service);
            EnvVar jaas = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(v -> v.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            assertEquals(service, jaas.getValueFrom().getSecretKeyRef().getName(), service + " Kafka login");
            GenericKubernetesResource user = named(kind(base, "KafkaUser"), service);
            assertNotNull(user, "KafkaUser " + service);
            Set<String> readable = new HashSet<>();
            for (Object acl : (List<?>) at(user, "spec", "authorization", "acls")) {
                Map<?, ?> a = (Map<?, ?>) acl;
                Map<?, ?> resource = (Map<?, ?>) a.get("resource");
                if ("topic".equals(resource.get("type")) && ((List<?>) a.get("operations")).contains("Read")) {
                    readable.add((String) resource.get("name"));
                }
            }
            String consumes = d.getMetadata().getAnnotations().get("budgetwatch.io/consumes");
            for (String topic : consumes.isBlank() ? new String[0] : consumes.split(",")) {
                assertTrue(readable.contains(topic), service + " may read " + topic);
            }
        }
        List<GenericKubernetesResource> pools = kind(base, "KafkaNodePool");
        assertTrue(pools.stream().anyMatch(p -> ((List<?>) at(p, "spec", "roles")).contains("controller")),
                "KRaft: a node pool with the controller role");
        for (GenericKubernetesResource r : Stream.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser")
                .flatMap(k -> kind(base, k).stream()).toList()) {
            assertEquals("kafka.strimzi.io/v1", r.getApiVersion(), r.getKind() + " " + r.getMetadata().getName());
        }
    }

    @Test
    void onlyReportingIsExposedAndEachDatabaseOnlyToItsService() {
        List<Ingress> ingresses = of(base, Ingress.class);
        assertEquals(1, ingresses.size());
        ingresses.get(0).getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p ->
                assertEquals("reporting-service", p.getBackend().getService().getName())));
        Map<String, String> serviceOfCluster = Map.of("goals-db", "goals-service", "execution-db",
                "execution-service", "reporting-db", "reporting-service", "keycloak-db", "keycloak");
        assertEquals(serviceOfCluster.keySet(), kind(base, "Cluster").stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet()));
        List<NetworkPolicy> policies = of(base, NetworkPolicy.class);
        for (Map.Entry<String, String> e : serviceOfCluster.entrySet()) {
            List<NetworkPolicy> selecting = policies.stream().filter(p -> e.getKey().equals(
                    p.getSpec().getPodSelector().getMatchLabels() == null ? null
                            : p.getSpec().getPodSelector().getMatchLabels().get("cnpg.io/cluster"))).toList();
            assertEquals(1, selecting.size(), "one policy for the pods of " + e.getKey());
            Set<String> appsOn5432 = new TreeSet<>();
            for (NetworkPolicyIngressRule rule : selecting.get(0).getSpec().getIngress()) {
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                        assertNotNull(labels, e.getKey() + ": a peer selected by expressions");
                        if (labels.containsKey("app.kubernetes.io/name")) {
                            appsOn5432.add(labels.get("app.kubernetes.io/name"));
                        } else {
                            assertEquals(Map.of("cnpg.io/cluster", e.getKey()), labels, "only its own instances");
                        }
                    } else {
                        assertNotNull(peer.getNamespaceSelector(), e.getKey() + ": a peer by address");
                        assertEquals(Map.of("kubernetes.io/metadata.name", "cnpg-system"),
                                peer.getNamespaceSelector().getMatchLabels(), "only the operator's namespace");
                    }
                }
            }
            assertEquals(Set.of(e.getValue()), appsOn5432, e.getKey() + " reachable from its service only");
        }
    }

    @Test
    void theRealmImportIsTheRealmOfTheRepository() throws IOException {
        assertArrayEquals(Files.readAllBytes(REPO.resolve("deploy/keycloak/budgetwatch-realm.json")),
                Files.readAllBytes(BASE.resolve("keycloak/budgetwatch-realm.json")),
                "base/keycloak/budgetwatch-realm.json is a copy of deploy/keycloak/budgetwatch-realm.json "
                        + "(kustomize reads no file outside its directory): copy it again");
        Deployment keycloak = named(base, Deployment.class, "keycloak");
        Container c = keycloak.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String var : List.of("KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD")) {
            EnvVar e = c.getEnv().stream().filter(v -> v.getName().equals(var)).findFirst().orElseThrow();
            assertEquals("keycloak-admin", e.getValueFrom().getSecretKeyRef().getName(), var);
        }
        assertTrue(c.getArgs().contains("--import-realm"));
    }

    // ---- loading

    private static List<String> resources(Path dir) throws IOException {
        Map<?, ?> k = YAML.unmarshal(Files.readString(dir.resolve("kustomization.yaml")), Map.class);
        List<String> out = new ArrayList<>();
        ((List<?>) k.get("resources")).forEach(r -> out.add((String) r));
        return out;
    }

    private static Object patchedValue(Path overlay, String kind, String path) throws IOException {
        Map<?, ?> k = YAML.unmarshal(Files.readString(overlay.resolve("kustomization.yaml")), Map.class);
        for (Object p : (List<?>) k.get("patches")) {
            Map<?, ?> patch = (Map<?, ?>) p;
            if (kind.equals(((Map<?, ?>) patch.get("target")).get("kind"))) {
                for (Object op : YAML.unmarshal((String) patch.get("patch"), List.class)) {
                    Map<?, ?> o = (Map<?, ?>) op;
                    if (path.equals(o.get("path"))) {
                        return o.get("value");
                    }
                }
            }
        }
        return null;
    }

    /** Whether the overlay deletes every resource of the kind (a strategic merge patch {@code $patch: delete}). */
    private static boolean deletes(Path overlay, String kind) throws IOException {
        Map<?, ?> k = YAML.unmarshal(Files.readString(overlay.resolve("kustomization.yaml")), Map.class);
        for (Object p : (List<?>) k.get("patches")) {
            Map<?, ?> target = (Map<?, ?>) ((Map<?, ?>) p).get("target");
            if (kind.equals(target.get("kind")) && target.get("name") == null && target.get("labelSelector") == null) {
                Object patch = YAML.unmarshal((String) ((Map<?, ?>) p).get("patch"), Map.class);
                if (patch instanceof Map<?, ?> m && "delete".equals(m.get("$patch")) && kind.equals(m.get("kind"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The resources of a manifest file by kind/name, maps ordered, env and envFrom lists as sorted sets. */
    private static Map<String, Object> normalized(Path file) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        for (String doc : Files.readString(file, StandardCharsets.UTF_8).split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                Map<?, ?> r = YAML.unmarshal(doc, Map.class);
                String key = r.get("kind") + "/" + ((Map<?, ?>) r.get("metadata")).get("name");
                assertNull(out.put(key, normalize(null, r)), file + ": " + key + " twice");
            }
        }
        return out;
    }

    private static Object normalize(Object key, Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), normalize(k, v)));
            return sorted;
        }
        if (node instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(i -> items.add(normalize(null, i)));
            if ("env".equals(key) || "envFrom".equals(key)) {
                items.sort((a, b) -> a.toString().compareTo(b.toString()));
            }
            return items;
        }
        return node;
    }

    private static Object replicasPatched(Path overlay, String kind) throws IOException {
        return patchedValue(overlay, kind, "/spec/replicas");
    }

    private static Object valuePatched(Path overlay, String kind, String path) throws IOException {
        return patchedValue(overlay, kind, path);
    }

    private static List<HasMetadata> documents(Path file) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : Files.readString(file, StandardCharsets.UTF_8).split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                HasMetadata r = YAML.unmarshal(doc, HasMetadata.class);
                assertNotNull(r, file + ": a document that is no resource");
                out.add(r);
            }
        }
        assertFalse(out.isEmpty(), file + " holds no resource");
        return out;
    }

    private static Map<String, Set<String>> externalSecrets() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(MODULE.resolve("external-secrets.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\|");
                out.put(parts[0].trim(), Set.of(parts[1].trim().split("\\s+")));
            }
        }
        return out;
    }

    /** BUDGETWATCH_KAFKA_PARTITIONS's default in the local stack's StackSettings, the one place it is written. */
    private static int localStackPartitions() throws IOException {
        String source = Files.readString(REPO.resolve(
                "deploy/local/stack/src/main/java/io/budgetwatch/localstack/StackSettings.java"));
        Matcher m = Pattern.compile("\"BUDGETWATCH_KAFKA_PARTITIONS\",\\s*(\\d+)\\)").matcher(source);
        assertTrue(m.find(), "the default partitions in StackSettings");
        return Integer.parseInt(m.group(1));
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> all, Class<T> type, String name) {
        return of(all, type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst().orElse(null);
    }

    private static GenericKubernetesResource named(List<GenericKubernetesResource> all, String name) {
        return all.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst().orElse(null);
    }

    private static List<GenericKubernetesResource> kind(List<HasMetadata> all, String kind) {
        return all.stream().filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    private static Object at(GenericKubernetesResource r, String... path) {
        Object node = r.getAdditionalProperties();
        for (String p : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(p);
        }
        return node;
    }

    private static void assertProbe(String what, Probe probe, String path) {
        assertNotNull(probe, what + " probe");
        assertNotNull(probe.getHttpGet(), what + " probe over HTTP");
        assertEquals(path, probe.getHttpGet().getPath(), what + " probe path");
    }
}
