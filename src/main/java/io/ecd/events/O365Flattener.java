package io.ecd.events;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flattens a raw Management Activity API record as the Splunk Add-on for Microsoft Office 365
 * extracts it: nested objects join names with {@code .} ({@code Item.ParentFolder.Path}), arrays
 * append <code>{}</code> ({@code Parameters{}.Name}, one value per element, so a multivalue field),
 * and the name/value pair arrays {@code Parameters}, {@code OperationProperties} and
 * {@code ExtendedProperties} also become top-level fields ({@code MailAccessType}, {@code Role}).
 *
 * <p>Choices where the add-on's behaviour is not documented: JSON {@code null} and empty strings
 * give no value (Splunk's null); a pair whose name is already a top-level field does not replace
 * it; a pair value that is an object or array is kept as compact JSON text.
 */
final class O365Flattener {
  /** Top-level arrays whose {Name, Value} items also become fields of their own. */
  static final Set<String> NAME_VALUE_ARRAYS =
      Set.of("Parameters", "OperationProperties", "ExtendedProperties");

  private O365Flattener() {}

  /** Field name to values, in the order the JSON gives them. */
  static Map<String, List<String>> flatten(JsonObject record) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : record.entrySet()) {
      walk(e.getKey(), e.getValue(), out);
    }
    Map<String, List<String>> pairs = new LinkedHashMap<>();
    for (String arrayName : NAME_VALUE_ARRAYS) {
      JsonElement array = record.get(arrayName);
      if (array != null && array.isJsonArray()) {
        addPairs(array.getAsJsonArray(), pairs);
      }
    }
    for (Map.Entry<String, List<String>> p : pairs.entrySet()) {
      out.putIfAbsent(p.getKey(), p.getValue());
    }
    return out;
  }

  private static void walk(String name, JsonElement value, Map<String, List<String>> out) {
    if (value == null || value.isJsonNull()) {
      return;
    }
    if (value.isJsonPrimitive()) {
      String text = value.getAsString();
      if (!text.isEmpty()) {
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(text);
      }
    } else if (value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
        walk(name + "." + e.getKey(), e.getValue(), out);
      }
    } else {
      for (JsonElement item : value.getAsJsonArray()) {
        walk(name + "{}", item, out);
      }
    }
  }

  private static void addPairs(JsonArray array, Map<String, List<String>> pairs) {
    for (JsonElement item : array) {
      if (!item.isJsonObject()) {
        continue;
      }
      JsonObject pair = item.getAsJsonObject();
      JsonElement name = pair.get("Name");
      JsonElement value = pair.get("Value");
      if (name == null || !name.isJsonPrimitive() || value == null || value.isJsonNull()) {
        continue;
      }
      String key = name.getAsString();
      String text = value instanceof JsonPrimitive p ? p.getAsString() : value.toString();
      if (!key.isEmpty() && !text.isEmpty()) {
        pairs.computeIfAbsent(key, k -> new ArrayList<>(1)).add(text);
      }
    }
  }
}
