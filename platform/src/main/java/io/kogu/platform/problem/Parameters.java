package io.kogu.platform.problem;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Which parameter of the matched resource method a value that did not convert was sent for. */
final class Parameters {

    private Parameters() {
    }

    /**
     * The name of the parameter of {@code e}'s type whose value the request sent as {@code e}'s value; the
     * annotations are looked up on the resource method and on the interfaces and classes it implements.
     */
    static String nameOf(InvalidParameterException e, ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "parameter";
        }
        for (Method declared : declarationsOf(method)) {
            Annotation[][] annotations = declared.getParameterAnnotations();
            Type[] types = declared.getGenericParameterTypes();
            for (int i = 0; i < annotations.length; i++) {
                if (!e.type().equals(elementOf(types[i]))) {
                    continue;
                }
                for (Annotation annotation : annotations[i]) {
                    List<String> sent = null;
                    String name = null;
                    if (annotation instanceof QueryParam query) {
                        name = query.value();
                        sent = uri.getQueryParameters().get(name);
                    } else if (annotation instanceof PathParam path) {
                        name = path.value();
                        sent = uri.getPathParameters().get(name);
                    } else if (annotation instanceof HeaderParam header) {
                        name = header.value();
                        sent = headers.getRequestHeader(name);
                    }
                    if (sent != null && sent.contains(e.value())) {
                        return name;
                    }
                }
            }
        }
        return "parameter";
    }

    /** The method and the methods it overrides or implements, nearest first. */
    private static List<Method> declarationsOf(Method method) {
        List<Method> found = new java.util.ArrayList<>();
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(method.getDeclaringClass());
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            try {
                found.add(type.getDeclaredMethod(method.getName(), method.getParameterTypes()));
            } catch (NoSuchMethodException ignored) {
                // not declared here
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return found;
    }

    private static Class<?> elementOf(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            Type element = arguments.length == 1 ? arguments[0] : parameterized.getRawType();
            return element instanceof Class<?> raw ? raw : null;
        }
        return null;
    }
}
