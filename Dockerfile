# syntax=docker/dockerfile:1
# The service as a container: built from source, run as a layered Spring Boot application on a
# JRE, as a user without privileges. Configuration (database, keys, tokens) comes from the
# environment at run time; nothing secret is baked into the image.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The cache mount keeps Maven's repository between builds; the formatter is not needed here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -Dspotless.apply.skip=true package \
 && java -Djarmode=tools -jar target/schedule-api.jar extract --layers --launcher --destination /extracted
COPY ops/docker/HealthCheck.java /healthcheck/
RUN javac --release 17 -d /healthcheck /healthcheck/HealthCheck.java

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 schedule \
 && useradd --system --uid 10001 --gid schedule --home-dir /app --no-create-home schedule
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY --from=build /healthcheck/HealthCheck.class /opt/healthcheck/
# ./data holds the embedded database and a generated API key when no SPRING_DATASOURCE_URL is set;
# the embedded PostgreSQL unpacks its binaries under /tmp. Both must be writable by the service.
RUN mkdir -p /app/data && chown schedule:schedule /app/data
USER schedule
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD java -Xmx16m -XX:TieredStopAtLevel=1 -Xshare:auto -cp /opt/healthcheck HealthCheck \
      "http://localhost:${SERVER_PORT:-8080}/actuator/health/liveness"
# Extra JVM flags go in JAVA_TOOL_OPTIONS; Spring settings in the environment (SPRING_*, SCHEDULE_*).
# Half the container's memory for the heap: metaspace, code cache, GC and threads take about 200 MB
# besides (a 512 MB container gets a 256 MB heap, as in BENCHMARKS.md). Two malloc arenas keep the
# native memory from growing with the thread count. The parallel collector: below 1,792 MB the JVM
# would pick the serial one, and on a larger machine G1; with a burst held in a 256 MB heap, the
# serial collector paused the node a fifth of the time and G1's own work took a quarter of its CPU
# (BENCHMARKS.md, the send scenarios). Native memory the JIT and others freed goes back to the
# system every second (TrimNativeHeapInterval, JDK 17.0.9 and later): 10-15 MB less resident.
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseParallelGC", \
            "-XX:TrimNativeHeapInterval=1000", \
            "org.springframework.boot.loader.launch.JarLauncher"]
