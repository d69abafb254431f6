import { useQuery } from "@apollo/client/react";
import { Select } from "antd";
import { useState } from "react";
import { HzUnitsDocument } from "../graphql/generated.js";

/** Picks a waste-producing unit by name or credit code (server-side search, first 20 matches). */
export function UnitPicker({ value, onChange, testId, placeholder }: { value?: string; onChange?: (id: string, name: string) => void; testId?: string; placeholder?: string }) {
  const [search, setSearch] = useState("");
  const q = useQuery(HzUnitsDocument, { variables: { first: 20, filter: search.trim() ? { search: search.trim() } : {} } });
  const options = (q.data?.hazardousUnits.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name}（${e.node.creditCode}）`, name: e.node.name }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      placeholder={placeholder}
      loading={q.loading}
      options={options}
      onChange={(id: string, o) => onChange?.(id, (o as { name?: string })?.name ?? "")}
      data-testid={testId}
      style={{ width: "100%" }}
    />
  );
}
