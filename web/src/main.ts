import "./styles/app.css";
import "./styles/print.css";
import { startRouter } from "./app/router.js";

startRouter();
