package io.kogu.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;

/** One entity, so that Hibernate ORM starts its persistence unit as in the services. */
@Entity
public class Greeting extends PanacheEntity {
    public String text;
}
