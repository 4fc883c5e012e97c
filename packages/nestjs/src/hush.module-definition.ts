import { ConfigurableModuleBuilder } from '@nestjs/common'
import { HUSH_MODULE_OPTIONS } from './hush.constants.js'
import type { HushModuleOptions } from './hush-options.interface.js'

/** `useClass` / `useExisting` classes implement this for `forRootAsync`. */
export interface HushOptionsFactory {
  createHushOptions(): HushModuleOptions | Promise<HushModuleOptions>
}

// Nest's own builder gives forRoot/forRootAsync with useFactory, useClass and useExisting; the
// `isGlobal` extra makes the module global as ConfigModule's does.
export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<HushModuleOptions>({
  optionsInjectionToken: HUSH_MODULE_OPTIONS,
  moduleName: 'Hush',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createHushOptions')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build()
