import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import '../../assets/base.css';
import { markOpen } from '../../utils/open-marks.ts';

markOpen('script');

createApp(App).use(createPinia()).mount('#app');
markOpen('mounted');
