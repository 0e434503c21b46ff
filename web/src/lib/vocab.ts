/**
 * Words for the codes the API uses for monitoring factors, sectors and diseases. An unknown code
 * is shown as is (never hidden), so a new code from the server is still visible.
 */
import type { Locale } from "./format.js";

type Vocabulary = Record<string, Record<Locale, string>>;

export const FACTORS: Vocabulary = {
  microclimate: { vi: "Vi khí hậu", en: "Microclimate" },
  dust: { vi: "Bụi", en: "Dust" },
  noise: { vi: "Tiếng ồn", en: "Noise" },
  light: { vi: "Ánh sáng", en: "Lighting" },
  toxic_gas: { vi: "Hơi khí độc", en: "Toxic gases" },
  vibration: { vi: "Rung", en: "Vibration" },
};

export const SECTORS: Vocabulary = {
  textiles: { vi: "Dệt may", en: "Textiles" },
  footwear: { vi: "Da giày", en: "Footwear" },
  electronics: { vi: "Điện tử", en: "Electronics" },
  mechanical: { vi: "Cơ khí", en: "Mechanical engineering" },
  construction_materials: { vi: "Vật liệu xây dựng", en: "Construction materials" },
  chemicals: { vi: "Hóa chất", en: "Chemicals" },
  shipbuilding: { vi: "Đóng tàu", en: "Shipbuilding" },
  food_processing: { vi: "Chế biến thực phẩm", en: "Food processing" },
};

export const DISEASES: Vocabulary = {
  noise_deafness: { vi: "Điếc nghề nghiệp do tiếng ồn", en: "Noise-induced deafness" },
  silicosis: { vi: "Bụi phổi silic", en: "Silicosis" },
  coal_pneumoconiosis: { vi: "Bụi phổi than", en: "Coal pneumoconiosis" },
  other_pneumoconiosis: { vi: "Bụi phổi khác", en: "Other pneumoconiosis" },
  lead_poisoning: { vi: "Nhiễm độc chì", en: "Lead poisoning" },
  occupational_dermatitis: { vi: "Viêm da nghề nghiệp", en: "Occupational dermatitis" },
};

export function term(vocabulary: Vocabulary, code: string, locale: Locale): string {
  return vocabulary[code]?.[locale] ?? code;
}
