import type { SagaStep } from '../domain/checkout-saga.js';
import type { SagaStepDefinition } from './saga-step.js';
import { awaitPaymentStep } from './steps/await-payment.step.js';
import { commitStockStep } from './steps/commit-stock.step.js';
import { confirmPaymentStep } from './steps/confirm-payment.step.js';
import { placeOrderStep } from './steps/place-order.step.js';
import { reserveStockStep } from './steps/reserve-stock.step.js';

/** Every step by name; their order is `sagaSteps` in the domain. */
export const sagaStepDefinitions: Record<SagaStep, SagaStepDefinition> = {
  reserve_stock: reserveStockStep,
  place_order: placeOrderStep,
  await_payment: awaitPaymentStep,
  commit_stock: commitStockStep,
  confirm_payment: confirmPaymentStep,
};
