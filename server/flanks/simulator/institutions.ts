import 'server-only';

export interface SimulatedInstitution {
  id: string;
  name: string;
  country: string;
  /** Chance that one refresh meets a transient institution error or timeout. */
  failureRate: number;
  /** The institution asks for SCA again every N days (PSD2's 90, or 180 since 2023 for some). */
  scaCadenceDays: number;
  /** Chance per day that an end user changes the password at the institution. */
  passwordChangeRate: number;
}

const institution = (
  id: string,
  name: string,
  country: string,
  failureRate: number,
  scaCadenceDays: number,
  passwordChangeRate: number,
): SimulatedInstitution => ({ id, name, country, failureRate, scaCadenceDays, passwordChangeRate });

export const SIMULATED_INSTITUTIONS: readonly SimulatedInstitution[] = [
  institution('santander_es', 'Banco Santander', 'ES', 0.012, 90, 0.0012),
  institution('bbva_es', 'BBVA', 'ES', 0.008, 90, 0.001),
  institution('caixabank_es', 'CaixaBank', 'ES', 0.015, 90, 0.0015),
  institution('sabadell_es', 'Banco Sabadell', 'ES', 0.02, 90, 0.0012),
  institution('bankinter_es', 'Bankinter', 'ES', 0.01, 180, 0.0008),
  institution('ing_es', 'ING España', 'ES', 0.006, 90, 0.0007),
  institution('openbank_es', 'Openbank', 'ES', 0.009, 90, 0.0009),
  institution('kutxabank_es', 'Kutxabank', 'ES', 0.025, 90, 0.0014),
  institution('unicaja_es', 'Unicaja', 'ES', 0.03, 90, 0.0016),
  institution('abanca_es', 'Abanca', 'ES', 0.018, 90, 0.0011),
  institution('ibercaja_es', 'Ibercaja', 'ES', 0.022, 90, 0.0013),
  institution('cajamar_es', 'Cajamar', 'ES', 0.035, 90, 0.0018),
  institution('bancamarch_es', 'Banca March', 'ES', 0.014, 180, 0.0006),
  institution('andbank_es', 'Andbank', 'ES', 0.028, 90, 0.001),
  institution('myinvestor_es', 'MyInvestor', 'ES', 0.011, 90, 0.0008),
  institution('renta4_es', 'Renta 4 Banco', 'ES', 0.016, 90, 0.0009),
  institution('inversis_es', 'Inversis', 'ES', 0.04, 90, 0.0012),
  institution('selfbank_es', 'Self Bank', 'ES', 0.019, 90, 0.001),
  institution('evo_es', 'EVO Banco', 'ES', 0.024, 90, 0.0013),
  institution('deutschebank_es', 'Deutsche Bank España', 'ES', 0.021, 90, 0.0009),
  institution('traderepublic_de', 'Trade Republic', 'DE', 0.013, 90, 0.0007),
  institution('degiro_nl', 'DEGIRO', 'NL', 0.017, 90, 0.0008),
  institution('ibkr_ie', 'Interactive Brokers', 'IE', 0.009, 180, 0.0005),
  institution('revolut_lt', 'Revolut', 'LT', 0.007, 90, 0.0006),
  institution('n26_de', 'N26', 'DE', 0.01, 90, 0.0007),
];
