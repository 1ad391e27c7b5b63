# Build with the project's own Maven wrapper, run on a JRE. One image serves every application node.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
COPY reports reports
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health check; a fixed uid, so host files given to the container (the seal keystore) can be
# made readable by it alone: chown 10001 secrets/seal.p12 && chmod 400 secrets/seal.p12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /var/lib/titlecert --create-home titlecert
WORKDIR /var/lib/titlecert
COPY --from=build /src/target/titlecert-*.jar /opt/titlecert/titlecert.jar
USER titlecert
ENV SPRING_PROFILES_ACTIVE=prod \
    TITLECERT_DATA_DIR=/var/lib/titlecert/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Shanghai"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/titlecert/titlecert.jar"]
