import { describe, expect, it } from "vitest";
import { generateAdvocateCode, latinName, namePrefix } from "../../app/referrals/codes";

describe("advocate code prefixes", () => {
  it.each([
    ["Анна", null, "ANNA"],
    ["Живко", "bg", "ZHIVKO"],
    ["Żaneta", "pl", "ZANETA"],
    ["Łukasz", "pl", "LUKASZ"],
    ["Ścibor", "pl", "SCIBOR"],
    ["Юлия", "ru", "YULIYA"],
    ["Щерьо", "bg", "SHTERYO"],
    ["Христо", "bg", "HRISTO"],
    ["Христо", "ru", "KHRISTO"],
    ["Добрыня", "ru", "DOBRYNYA"],
    ["Anna-Maria", "en", "ANNAMARIA"],
    ["José", "es", "JOSE"],
  ])("%s (%s) -> %s", (name, locale, latin) => {
    expect(latinName(name, locale)).toBe(latin);
  });

  it("begins codes with at most six letters of the first name", () => {
    expect(namePrefix("Anna-Maria")).toBe("ANNAMA");
    expect(generateAdvocateCode("Анна")).toMatch(/^ANNA-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(generateAdvocateCode("Живко", "bg")).toMatch(/^ZHIVKO-/);
    expect(generateAdvocateCode("Żaneta", "pl")).toMatch(/^ZANETA-/);
  });

  it("falls back to a neutral prefix for other scripts and unknown names", () => {
    for (const name of ["李娜", "Άννα", "محمد", "", null, undefined, "  "])
      expect(generateAdvocateCode(name)).toMatch(/^FRIEND-/);
  });
});
