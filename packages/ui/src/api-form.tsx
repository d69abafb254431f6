import { errorFields, type ApiFieldErrors } from "@zw/client";
import { Alert, Button, Flex, Form, type FormInstance } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** "input.items.0.qty" with prefix "input." → ["items", 0, "qty"]. */
export function fieldPath(apiField: string, prefix: string): (string | number)[] {
  const rest = prefix && apiField.startsWith(prefix) ? apiField.slice(prefix.length) : apiField;
  return rest.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the API's errors on the form: each `userErrors { field }` / BAD_USER_INPUT `extensions.fields`
 * entry on the matching form field; errors without a (known) field are returned for a general message.
 */
export function applyApiErrors(form: FormInstance, errors: ApiFieldErrors, prefix = "input."): string[] {
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const general: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [field, messages] of Object.entries(errors)) {
    const name = field ? fieldPath(field, prefix) : null;
    if (name && known.has(JSON.stringify(name))) fields.push({ name, errors: messages });
    else general.push(...messages);
  }
  form.setFields(fields);
  return general;
}

/**
 * A form whose submit calls the API. `onSubmit` returns the mutation payload (its `userErrors` are
 * mapped to fields) or throws (a BAD_USER_INPUT error's fields are mapped too).
 */
export function ApiForm<V extends Record<string, unknown>>({
  form: given,
  onSubmit,
  onSuccess,
  fieldPrefix = "input.",
  initialValues,
  submitText,
  children,
  layout = "vertical",
}: {
  form?: FormInstance<V>;
  onSubmit: (values: V) => Promise<{ userErrors?: readonly { field?: string | null; message: string }[] } | unknown>;
  onSuccess?: (payload: unknown) => void;
  fieldPrefix?: string;
  initialValues?: Partial<V>;
  submitText?: ReactNode;
  children: ReactNode;
  layout?: "vertical" | "horizontal";
}) {
  const { t } = useTranslation("ui");
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const finish = async (values: V) => {
    setBusy(true);
    setGeneral([]);
    try {
      const payload = await onSubmit(values);
      const errs = errorFields(payload);
      if (Object.keys(errs).length) setGeneral(applyApiErrors(form, errs, fieldPrefix));
      else onSuccess?.(payload);
    } catch (e) {
      setGeneral(applyApiErrors(form, errorFields(e), fieldPrefix));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout={layout} onFinish={finish} initialValues={initialValues} data-testid="zw-api-form">
      {general.length ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("form.failed")} description={general.join("；")} /> : null}
      {children}
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitText ?? t("form.submit")}
        </Button>
      </Flex>
    </Form>
  );
}
