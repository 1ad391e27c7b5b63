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
RUN useradd --system --home /var/lib/titlecert --create-home titlecert
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
