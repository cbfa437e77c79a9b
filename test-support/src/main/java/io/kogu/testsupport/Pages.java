package io.kogu.testsupport;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Walks a cursor-paginated list the way a client does: page after page until there is no nextCursor. */
public final class Pages {

    private Pages() {
    }

    /** The ids of every item of the list at {@code path}, in the order the pages gave them. */
    public static List<String> allIds(Supplier<RequestSpecification> request, String path, int pageSize) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification page = request.get().queryParam("limit", pageSize);
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            Response response = page.get(path);
            response.then().statusCode(200);
            ids.addAll(response.path("items.id"));
            cursor = response.path("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
