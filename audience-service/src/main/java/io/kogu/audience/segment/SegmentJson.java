package io.kogu.audience.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.model.Segment;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** A static segment has no rule: its JSON leaves {@code rule} out rather than sending null. */
@Singleton
public class SegmentJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Segment.class, RuleLeftOutWhenNull.class);
    }

    abstract static class RuleLeftOutWhenNull {
        @JsonProperty("rule")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract JsonNode getRule();
    }
}
