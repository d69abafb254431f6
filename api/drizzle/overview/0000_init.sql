CREATE SCHEMA "overview";
